from django.urls import path

from . import calendar_views, content_views, views

app_name = "sessions_app"

urlpatterns = [
    path("", views.home, name="home"),
    path("sessions/<slug:slug>/", views.session_detail, name="session"),
    path("sessions/<slug:slug>/content/", content_views.session_content_page, name="content"),
    path(
        "sessions/<slug:slug>/content/export/<slug:language>.<str:extension>",
        content_views.export_content,
        name="content-export",
    ),
    path(
        "sessions/<slug:slug>/content/import/",
        content_views.import_content,
        name="content-import",
    ),
    path("rooms/", views.room_list, name="rooms"),
    path("rooms/<slug:slug>/", views.room_detail, name="room"),
    path("rooms/<slug:slug>/week/", views.room_week, name="room-week"),
    path("rooms/<slug:slug>/book/", views.book_room, name="book-room"),
    path("bookings/<int:pk>/cancel/", views.cancel_booking, name="cancel-booking"),
    path("calendar/sessions/<slug:slug>.ics", calendar_views.session_feed, name="session-feed"),
    path("calendar/sittings/<int:pk>.ics", calendar_views.sitting_file, name="sitting-file"),
    path("calendar/series/<slug:slug>.ics", calendar_views.series_feed, name="series-feed"),
    path("calendar/rooms/<slug:slug>.ics", calendar_views.room_feed, name="room-feed"),
]
