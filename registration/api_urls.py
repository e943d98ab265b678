from django.urls import path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("registrations", api.RegistrationViewSet, basename="registration")

session_registrations = api.SessionRegistrationViewSet.as_view({"get": "list", "post": "create"})

urlpatterns = [
    path(
        "sessions/<slug:session_slug>/registrations/",
        session_registrations,
        name="session-registrations",
    ),
    *router.urls,
]
