from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("series", api.SeriesViewSet)
router.register("sessions", api.SessionViewSet)
router.register("sittings", api.SittingViewSet)
router.register("rooms", api.RoomViewSet)
router.register("bookings", api.BookingViewSet)

urlpatterns = router.urls
