from django.urls import path

from . import views

app_name = "proceedings"
urlpatterns = [
    path("sessions/<slug:slug>/speakers/live/", views.display, name="live"),
    path("sessions/<slug:slug>/sittings/<int:pk>/console/", views.console, name="console"),
    path(
        "sessions/<slug:slug>/sittings/<int:pk>/console/state/",
        views.console_state,
        name="console_state",
    ),
    path(
        "sessions/<slug:slug>/sittings/<int:pk>/console/<slug:action>/",
        views.console_action,
        name="console_action",
    ),
]
