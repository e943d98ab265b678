from django.urls import path

from . import views

app_name = "proceedings"
urlpatterns = [
    path("sessions/<slug:slug>/speakers/live/", views.live, name="live"),
]
