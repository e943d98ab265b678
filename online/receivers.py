"""A registration approved online gets its personal link (so that the page, the mail and
the feed only read it); one that may no longer join loses it at once."""

from django.dispatch import receiver

from registration.signals import registration_changed

from . import services


@receiver(registration_changed, dispatch_uid="revoke_join_link_of_leaver")
def revoke_join_link(sender, registration, **kwargs) -> None:
    if services.may_join(registration):
        services.join_link(registration)
    elif kwargs.get("from_state") != "":  # a new registration has no link to revoke
        services.revoke(registration)
