from django.urls import path

from . import consumers

websocket_urlpatterns = [
    path(
        "ws/sessions/<slug:slug>/speakers/<str:language>/",
        consumers.SpeakersConsumer.as_asgi(),
    ),
]
