"""A registration approved online gets its personal link (so that the page, the mail and
the feed only read it); one that may no longer join loses it at once."""

from django.dispatch import receiver

from registration.signals import registration_changed

from . import services


@receiver(registration_changed, dispatch_uid="keep_join_link_in_step")
def keep_join_link_in_step(sender, registration, **kwargs) -> None:
    if kwargs.get("from_state") == "" and registration.state != registration.State.APPROVED:
        return  # a new registration waits for approval: no link to make, none to revoke
    made = services.join_link(registration)  # made where missing
    if made is None and kwargs.get("from_state") != "":  # a new one has none to revoke
        services.revoke(registration)
