from django.urls import path

from . import officer_views, participant_views, views

app_name = "online"
urlpatterns = [
    path("join/<str:token>/", views.join, name="join"),
    path(
        "registrations/<int:pk>/join-link/replace/",
        participant_views.replace_link,
        name="replace-link",
    ),
    path(
        "sessions/<slug:slug>/online-attendance/",
        officer_views.attendance,
        name="attendance",
    ),
    path(
        "sessions/<slug:slug>/online-attendance/export.<str:fmt>",
        officer_views.attendance_export,
        name="attendance_export",
    ),
]
