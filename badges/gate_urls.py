from django.urls import path

from . import gate_views

# Its own namespace: other badge pages (printing) may take "badges".
app_name = "gate"

urlpatterns = [
    path("sessions/<slug:slug>/gate/", gate_views.gate, name="gate"),
    path("sessions/<slug:slug>/console/attendance/", gate_views.attendance, name="attendance"),
]
