from django.urls import path

from . import officer_views, views

app_name = "registration"

urlpatterns = [
    path("sessions/<slug:slug>/register/", views.register, name="register"),
    path("sessions/<slug:slug>/register/edit/", views.edit, name="edit"),
    path("sessions/<slug:slug>/register/withdraw/", views.withdraw, name="withdraw"),
    path("sessions/<slug:slug>/register/mode/", views.switch_mode, name="switch-mode"),
    path("sessions/<slug:slug>/console/", officer_views.console, name="console"),
    path("sessions/<slug:slug>/console/bulk/", officer_views.bulk, name="bulk"),
]
