from django.urls import include, path

urlpatterns = [
    path("", include("documents.document_api_urls")),
    path("", include("documents.contribution_api_urls")),
]
