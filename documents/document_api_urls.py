from django.urls import path

from . import document_api

urlpatterns = [
    path(
        "sessions/<slug:session_slug>/documents/",
        document_api.SessionDocumentsView.as_view(),
        name="session-documents",
    ),
    path("documents/<int:pk>/", document_api.DocumentView.as_view(), name="document"),
]
