from django.urls import path

from . import print_views

app_name = "badges"

urlpatterns = [
    path("sessions/<slug:slug>/badges/", print_views.badges, name="print"),
    path("sessions/<slug:slug>/badges/print/", print_views.start_print, name="start-print"),
    path("sessions/<slug:slug>/badges/layout/", print_views.set_layout, name="layout"),
    path("sessions/<slug:slug>/badges/jobs/<int:pk>/", print_views.job_status, name="job"),
    path("sessions/<slug:slug>/badges/jobs/<int:pk>/pdf/", print_views.job_pdf, name="job-pdf"),
    path(
        "sessions/<slug:slug>/badges/jobs/<int:pk>/retry/",
        print_views.retry_print,
        name="job-retry",
    ),
    path("registrations/<int:pk>/badge-preview.pdf", print_views.badge_preview, name="preview"),
]
