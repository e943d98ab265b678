"""A registration approved online gets its personal link (so that the page, the mail and
the feed only read it); one that may no longer join loses it at once."""

from django.dispatch import receiver

from registration.signals import registration_changed

from . import services


@receiver(registration_changed, dispatch_uid="keep_join_link_in_step")
def keep_join_link_in_step(sender, registration, **kwargs) -> None:
    new = kwargs.get("from_state") == ""  # a new registration has no link to revoke
    if new and registration.state != registration.State.APPROVED:
        return  # nor one to make before its approval: no query
    made = services.join_link(registration)  # made where missing
    if made is None and not new:
        services.revoke(registration)
