"""The cluster's data, made once on its database before the nodes start
(tests/cluster/test_cluster.py): a hybrid session open for registration with a sitting,
a Member State, a delegate, and an officer with a TOTP second factor and an API token.
Prints what the test needs as JSON."""

import json
from datetime import timedelta

import django


def main() -> None:
    django.setup()
    from django.core.management import call_command
    from django.utils import timezone
    from knox.models import AuthToken

    from tests.factories import (
        EntityFactory,
        OfficerFactory,
        SessionFactory,
        SittingFactory,
        UserFactory,
    )
    from tests.second_factor import PASSWORD, add_totp

    call_command("migrate", verbosity=0)
    today, now = timezone.localdate(), timezone.now()
    session = SessionFactory(
        slug="cluster",
        format="hybrid",
        in_person_capacity=50,
        start_date=today + timedelta(days=7),
        end_date=today + timedelta(days=9),
        registration_opens=now - timedelta(days=1),
        registration_closes=now + timedelta(days=1),
    )
    sitting = SittingFactory(session=session, title="1st plenary meeting")
    entity = EntityFactory(name="Austria")
    delegate, officer = UserFactory(), OfficerFactory()
    _, token = AuthToken.objects.create(user=officer)
    print(
        json.dumps(
            {
                "slug": session.slug,
                "sitting": sitting.pk,
                "entity": entity.pk,
                "delegate": delegate.email,
                "officer": officer.email,
                "password": PASSWORD,
                "totp": add_totp(officer),
                "token": token,
            }
        )
    )


if __name__ == "__main__":
    main()
