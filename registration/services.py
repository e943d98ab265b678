"""Changes of state in registration. Entities for now; registrations come with issue 3."""

import csv
from pathlib import Path

from django.db import transaction

from .models import Entity

STATES_CSV = Path(__file__).parent / "data" / "states.csv"


@transaction.atomic
def load_states(path: Path = STATES_CSV) -> int:
    """Create or update the UN Member States and observer States from the reference list
    (matched by ISO code). Returns how many rows were loaded."""
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    existing = {
        entity.code: entity
        for entity in Entity.objects.filter(code__in=[row["iso3"] for row in rows])
    }
    for row in rows:
        entity = existing.get(row["iso3"]) or Entity(code=row["iso3"])
        entity.kind = row["kind"]
        entity.name = row["name"]
        entity.formal_name = row["formal_name"]
        entity.regional_group = row["regional_group"]
        entity.save()
    return len(rows)
