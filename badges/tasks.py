from celery import shared_task

from core import outbox

from . import printing
from .models import PrintJob


# Not atomic: the job keeps its own state and progress.
@shared_task(base=outbox.Task, atomic=False)
def run_print_job(job_id: int) -> None:
    printing.run(PrintJob.objects.select_related("session", "requested_by").get(pk=job_id))
