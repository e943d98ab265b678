from django.urls import path

from . import participant_views, views

app_name = "online"
urlpatterns = [
    path("join/<str:token>/", views.join, name="join"),
    path(
        "registrations/<int:pk>/join-link/replace/",
        participant_views.replace_link,
        name="replace-link",
    ),
]
