from django.urls import include, path

app_name = "documents"
urlpatterns = [
    path("", include("documents.document_urls")),
    path("", include("documents.contribution_urls")),
]
