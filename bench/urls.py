from celery import current_app
from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from config.urls import urlpatterns as project_urlpatterns


def _insert_one_row() -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_floor (note) VALUES (%s)", ["floor"])


@csrf_exempt
def floor(request):
    """The floor: a bare view that only inserts one row."""
    _insert_one_row()
    return HttpResponse(status=201)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def framework(request):
    """What the API's own parts cost before any rule: DRF, the bearer token, one row."""
    _insert_one_row()
    return Response({"id": 1}, status=201)


@api_view(["POST"])
@permission_classes([IsAuthenticated])
def framework_and_task(request):
    """The same, and one Celery task queued, as a registration queues its mail (Celery's
    own accumulate task, on a queue that the bench's worker does not read, so that the
    time it takes to deliver the mail is the mail's own)."""
    _insert_one_row()
    current_app.tasks["celery.accumulate"].apply_async((1,), queue="bench-reference")
    return Response({"id": 1}, status=201)


def layout(request):
    """A page with nothing in it but the site's layout, for the signed-in user (the
    reference for bench/console.py: sessions, authentication, the role, the template)."""
    return render(request, "base.html")


urlpatterns = [
    path("bench/floor/", floor),
    path("bench/layout/", layout),
    path("bench/framework/", framework),
    path("bench/framework-and-task/", framework_and_task),
    *project_urlpatterns,
]
