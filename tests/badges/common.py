"""Helpers of the badge tests."""

import io

from django.core.files.base import ContentFile
from PIL import Image
from rest_framework.test import APIClient

from registration import services as registration_services
from tests.factories import register


def approved(session, entity=None, mode="in_person", **fields):
    """An approved registration, in person unless said otherwise."""
    return registration_services.approve(register(session, entity, mode=mode, **fields), None)


def api(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def jpeg() -> ContentFile:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), "white").save(out, format="JPEG")
    return ContentFile(out.getvalue())
