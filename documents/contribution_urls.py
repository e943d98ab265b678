from django.urls import path

from . import contribution_views as views

urlpatterns = [
    path("contributions/", views.my_calls, name="my-calls"),
    path("contributions/calls/<int:pk>/", views.call_page, name="call"),
    path("contributions/<int:pk>/files/", views.replace, name="replace-files"),
    path("contributions/files/<int:pk>/", views.download, name="contribution-file"),
    path("contributions/calls/<int:pk>/screening/", views.screening, name="screening"),
    path("contributions/<int:pk>/screen/", views.screen, name="screen"),
    path("contributions/calls/<int:pk>/table/", views.call_table, name="call-table"),
    path(
        "contributions/calls/<int:pk>/table.<str:fmt>", views.call_table_export, name="call-export"
    ),
]
