import pytest

from registration import services
from tests.factories import EntityFactory


@pytest.fixture
def delegation(session, delegate):
    """Austria's delegation to the module's `session`, with the delegate as its focal point."""
    delegation = services.delegation_for(session, EntityFactory(name="Austria", code="AUT"))
    delegation.focal_points.add(delegate)
    return delegation
