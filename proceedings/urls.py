from django.urls import path

from . import list_views, report_views, statement_views, views

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
    path("sessions/<slug:slug>/speakers/", list_views.lists, name="lists"),
    path(
        "sessions/<slug:slug>/speakers/<int:item_number>/inscribe/",
        list_views.inscribe,
        name="inscribe",
    ),
    path(
        "sessions/<slug:slug>/speakers/<int:item_number>/open/",
        list_views.open_list,
        name="open-list",
    ),
    path(
        "sessions/<slug:slug>/speakers/<int:item_number>/close/",
        list_views.close_list,
        name="close-list",
    ),
    path(
        "sessions/<slug:slug>/speakers/<int:item_number>/repeats/",
        list_views.allow_repeats,
        name="allow-repeats",
    ),
    path(
        "sessions/<slug:slug>/speakers/<int:item_number>/move/",
        list_views.move,
        name="move",
    ),
    path(
        "sessions/<slug:slug>/speakers/inscriptions/<int:pk>/withdraw/",
        list_views.withdraw,
        name="withdraw",
    ),
    path(
        "sessions/<slug:slug>/speakers/report/",
        report_views.speakers_report,
        name="report",
    ),
    path(
        "sessions/<slug:slug>/speakers/report.<str:fmt>",
        report_views.speakers_report_export,
        name="report_export",
    ),
    path(
        "sessions/<slug:slug>/sittings/<int:pk>/booth/",
        statement_views.booth_view,
        name="booth",
    ),
    path(
        "sessions/<slug:slug>/sittings/<int:pk>/booth/state/",
        statement_views.booth_view,
        {"template": "proceedings/_booth.html"},
        name="booth_state",
    ),
    path(
        "sessions/<slug:slug>/speakers/inscriptions/<int:pk>/statement/",
        statement_views.statement,
        name="statement",
    ),
    path("statements/<int:pk>/file/", statement_views.statement_file, name="statement-file"),
    path("statements/<int:pk>/publish/", statement_views.publish, name="statement-publish"),
]
