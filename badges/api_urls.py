from django.urls import path

from . import api

urlpatterns = [
    path("checkins/", api.CheckInView.as_view(), name="checkins"),
    path("checkins/batch/", api.CheckInBatchView.as_view(), name="checkins-batch"),
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
    path(
        "sessions/<slug:session_slug>/scanner-bundle/",
        api.ScannerBundleView.as_view(),
        name="session-scanner-bundle",
    ),
]
