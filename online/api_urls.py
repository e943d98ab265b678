from django.urls import path

from . import api

urlpatterns = [
    path(
        "sessions/<slug:session_slug>/online-attendance/",
        api.OnlineAttendanceView.as_view(),
        name="session-online-attendance",
    ),
]
