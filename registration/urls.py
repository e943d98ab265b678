from django.urls import path

from . import views

app_name = "registration"

urlpatterns = [
    path("sessions/<slug:slug>/register/", views.register, name="register"),
    path("sessions/<slug:slug>/register/edit/", views.edit, name="edit"),
    path("sessions/<slug:slug>/register/withdraw/", views.withdraw, name="withdraw"),
    path("sessions/<slug:slug>/register/mode/", views.switch_mode, name="switch-mode"),
]
