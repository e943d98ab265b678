from django.urls import path

from . import api

urlpatterns = [
    path(
        "sessions/<slug:slug>/interpretation-plan/",
        api.InterpretationPlanView.as_view(),
        name="interpretation-plan",
    ),
]
