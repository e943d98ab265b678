from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from core import health, metrics

admin.site.site_header = "UN Meetings: Secretariat"
admin.site.site_title = "UN Meetings"
# The admin's own login knows nothing of allauth's rate limits and second factor: it sends
# everyone to allauth's login instead, and takes no password itself.
admin.site.login = secure_admin_login(admin.site.login)


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: the icon is a static file."""
    return redirect(static("favicon.ico"))  # not permanent: the hashed name changes


urlpatterns = [
    path("favicon.ico", favicon),
    path("health/live", health.live, name="health-live"),
    path("health/ready", health.Ready.as_view(), name="health-ready"),
    path("metrics", metrics.view, name="metrics"),
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("registration.api_urls")),
    path("api/v1/", include("sessions_app.api_urls")),
    path("api/v1/", include("interpretation.api_urls")),
    path("api/v1/", include("badges.api_urls")),
    path("api/v1/", include("documents.api_urls")),
    path("api/v1/", include("online.api_urls")),
    path("api/v1/", include("proceedings.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # The split view serves its set-up script as a file: the Content-Security-Policy allows
    # no inline script.
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema", template_name="api/swagger_ui.html"
        ),
        name="api-docs",
    ),
    path("", include("accounts.urls")),
    path("", include("interpretation.urls")),
    path("", include("badges.gate_urls")),
    path("", include("badges.print_urls")),
    path("", include("documents.urls")),
    path("", include("online.urls")),
    path("", include("proceedings.urls")),
    path("", include("registration.urls")),
    path("", include("sessions_app.urls")),
]
# Uploaded files (notes verbales, photos) are personal data: they are never served from
# MEDIA_URL, only through views that check who may see them.

# A path under /api/ that is not there answers in JSON, as the rest of the API does.
handler404 = "core.api.not_found"
