from rest_framework.routers import SimpleRouter

from . import contribution_api

router = SimpleRouter()
router.register(
    r"sessions/(?P<session_slug>[-a-zA-Z0-9_]+)/contributions",
    contribution_api.SessionContributionViewSet,
    basename="session-contribution",
)

urlpatterns = router.urls
