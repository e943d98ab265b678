from django.urls import path

from . import views

app_name = "interpretation"

urlpatterns = [
    path("interpretation/", views.index, name="index"),
    path("sessions/<slug:slug>/interpretation/", views.session_interpretation, name="session"),
    path(
        "sessions/<slug:slug>/interpretation/sittings/<int:pk>/",
        views.sitting_interpretation,
        name="sitting",
    ),
    path(
        "sessions/<slug:slug>/interpretation/plan.<str:kind>",
        views.export,
        {"what": "plan"},
        name="plan_export",
    ),
    path(
        "sessions/<slug:slug>/interpretation/coverage.<str:kind>",
        views.export,
        {"what": "coverage"},
        name="coverage_export",
    ),
]
