from django.urls import path

from . import feeds, officer_views, views

urlpatterns = [
    path("sessions/<slug:slug>/documents/", views.session_documents, name="session-documents"),
    path("sessions/<slug:slug>/documents/feed/", feeds.SessionDocumentsFeed(), name="feed"),
    path("sessions/<slug:slug>/documents/new/", officer_views.new_document, name="new"),
    path("sessions/<slug:slug>/documents/upload/", officer_views.upload_set, name="upload-set"),
    path("documents/<int:pk>/edit/", officer_views.edit_document, name="edit"),
    path("documents/<int:pk>/publish/", officer_views.publish, name="publish"),
    path("documents/<int:pk>/withdraw/", officer_views.withdraw, name="withdraw"),
    path("documents/<int:pk>/<slug:language>/", views.download, name="file"),
]
