from django.urls import path

from . import report_views, views

app_name = "proceedings"
urlpatterns = [
    path("sessions/<slug:slug>/speakers/live/", views.live, name="live"),
    path(
        "sessions/<slug:slug>/speakers/report/",
        report_views.speakers_report,
        name="report",
    ),
    path(
        "sessions/<slug:slug>/speakers/report.<str:fmt>",
        report_views.speakers_report_export,
        name="report_export",
    ),
]
