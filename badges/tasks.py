from celery import shared_task

from . import printing
from .models import PrintJob


@shared_task
def run_print_job(job_id: int) -> None:
    printing.run(PrintJob.objects.select_related("session", "requested_by").get(pk=job_id))
