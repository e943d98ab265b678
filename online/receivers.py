"""A registration approved online gets its personal link (so that the page, the mail and
the feed only read it); one that may no longer join loses it at once."""

from django.dispatch import receiver

from registration.signals import registration_changed

from . import services


@receiver(registration_changed, dispatch_uid="revoke_join_link_of_leaver")
def revoke_join_link(sender, registration, **kwargs) -> None:
    if kwargs.get("from_state") == "":  # a new registration: no link to make or revoke yet
        return
    if services.may_join(registration):
        services.join_link(registration)
    else:
        services.revoke(registration)
