from django.urls import path

from . import api

urlpatterns = [
    path("checkins/", api.CheckInView.as_view(), name="checkins"),
    path(
        "sessions/<slug:session_slug>/badge-key/",
        api.BadgeKeyView.as_view(),
        name="session-badge-key",
    ),
    path(
        "sessions/<slug:session_slug>/revoked-badges/",
        api.RevokedBadgesView.as_view(),
        name="session-revoked-badges",
    ),
]
