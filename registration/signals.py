"""What registration tells the apps above it, which connect receivers in their
AppConfig.ready (registration never imports them)."""

from django.dispatch import Signal

# Sent inside the transaction of every change of a registration's state or participation
# mode, after it is saved, with: registration, from_state and from_mode (before the change;
# from_state is "" for a new registration), actor, and change (the new state or mode in a
# few words, fit to show: never the officer's free-text reason). badges revokes the badge
# of a participant who leaves.
registration_changed = Signal()

# Sent inside the transaction of `purge_personal_data` with `cutoff` (sessions that ended
# before that day): each receiver clears its personal data of those sessions and answers
# (what it cleared, how many, the files to delete after the commit).
purging_personal_data = Signal()
