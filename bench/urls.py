from django.db import connection
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from config.urls import urlpatterns as project_urlpatterns


@csrf_exempt
def floor(request):
    """The floor: a bare view that only inserts one row."""
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_floor (note) VALUES (%s)", ["floor"])
    return HttpResponse(status=201)


urlpatterns = [path("bench/floor/", floor), *project_urlpatterns]
