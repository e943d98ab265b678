from django.urls import path

from . import statement_views, views

app_name = "proceedings"
urlpatterns = [
    path("sessions/<slug:slug>/speakers/live/", views.live, name="live"),
    path(
        "sessions/<slug:slug>/sittings/<int:pk>/booth/",
        statement_views.booth_view,
        name="booth",
    ),
    path(
        "sessions/<slug:slug>/speakers/inscriptions/<int:pk>/statement/",
        statement_views.statement,
        name="statement",
    ),
    path("statements/<int:pk>/file/", statement_views.statement_file, name="statement-file"),
    path("statements/<int:pk>/publish/", statement_views.publish, name="statement-publish"),
]
