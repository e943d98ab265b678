"""A registration that may no longer join loses its link at once."""

from django.dispatch import receiver

from registration.signals import registration_changed

from . import services


@receiver(registration_changed, dispatch_uid="revoke_join_link_of_leaver")
def revoke_join_link(sender, registration, **kwargs) -> None:
    if not services.may_join(registration):
        services.revoke(registration)
