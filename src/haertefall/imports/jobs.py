"""Import jobs of the upload page: store the file, process it (now or by the worker), report.

Data safety over convenience: no background threads in the web process. A small file is
imported during the upload request; a larger one waits for ``haertefall process-imports``
(a separate process, e.g. a systemd service), and the page polls the job row with htmx.
Either way the import itself is ``register_import``: one transaction, all or nothing.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from haertefall.core.errors import DomainError

from .formats import FileRejected, file_kind
from .models import ImportJob
from .services import register_import

logger = logging.getLogger(__name__)

# Files up to this size (≈ 2,000 register rows) are processed during the upload request.
SYNC_MAX_BYTES = 200 * 1024
KEEP_FILES = timedelta(days=1)
# A job still "running" after this long lost its worker (killed, machine restarted). Its
# transaction was rolled back by the database, so marking it failed is the truth.
STALE_AFTER = timedelta(hours=1)
STALE_TEXT = ("Die Verarbeitung wurde unterbrochen (Worker beendet); es wurde nichts gespeichert. "
              "Bitte laden Sie die Datei erneut hoch.")


def import_job_create(*, upload, dry_run: bool, actor) -> ImportJob:
    """Check and store an uploaded register file; process it now when it is small."""
    limit = settings.HAERTEFALL_MAX_UPLOAD_BYTES
    if upload.size > limit:
        raise DomainError(f"Die Datei ist zu groß (höchstens {limit // (1024 * 1024)} MB).", field="file")
    if upload.size == 0:
        raise DomainError("Die Datei ist leer.", field="file")
    head = upload.read(8192)
    upload.seek(0)
    try:
        file_kind(upload.name, head)
    except FileRejected as exc:
        raise DomainError(exc.message, field="file") from None
    with transaction.atomic():
        job = ImportJob(created_by=actor, original_name=upload.name[:255], size=upload.size, dry_run=dry_run)
        job.file.save("upload", upload, save=False)
        job.save()
    if upload.size <= SYNC_MAX_BYTES:
        import_job_run(job=job)
        job.refresh_from_db()
    return job


def import_job_confirm(*, job: ImportJob, actor) -> ImportJob:
    """Start the real import of a dry run that found no errors, with the same file."""
    with transaction.atomic():
        locked = ImportJob.objects.select_for_update().get(pk=job.pk)
        if not locked.dry_run or locked.status != ImportJob.Status.DONE or locked.errors:
            raise DomainError("Nur ein fehlerfreier Probelauf kann als Import ausgeführt werden.")
        if locked.follow_up_id is not None:
            raise DomainError("Dieser Probelauf wurde bereits als Import ausgeführt.")
        if not locked.file:
            raise DomainError("Die Datei dieses Probelaufs ist nicht mehr gespeichert; bitte erneut hochladen.")
        real = ImportJob(created_by=actor, original_name=locked.original_name, size=locked.size, dry_run=False)
        with locked.file.open("rb") as fh:
            real.file.save("upload", ContentFile(fh.read()), save=False)
        real.save()
        locked.follow_up = real
        locked.save(update_fields=["follow_up"])
    if real.size <= SYNC_MAX_BYTES:
        import_job_run(job=real)
        real.refresh_from_db()
    return real


def _claim(job: ImportJob) -> bool:
    """Mark the job running unless another worker did; True when this caller owns it."""
    return bool(ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.PENDING).update(
        status=ImportJob.Status.RUNNING, started_at=timezone.now(), phase=ImportJob.Phase.PARSE))


def import_job_run(*, job: ImportJob) -> ImportJob:
    """Process one pending job: import (or dry-run) its file and store the report."""
    if not _claim(job):
        return job
    job.refresh_from_db()
    last = {"done": -1}

    def progress(phase, done, total):
        # Only the checking phase reports numbers: the writing phase runs inside the import's
        # transaction, where an update of this row would not be visible to the page anyway.
        if phase == "parse" and (done - last["done"] >= max(1, total // 50) or done == total):
            last["done"] = done
            ImportJob.objects.filter(pk=job.pk).update(
                total=total, done=done,
                phase=ImportJob.Phase.WRITE if done == total and not job.dry_run else ImportJob.Phase.PARSE)

    try:
        with job.file.open("rb") as fh:
            data = fh.read()
        report = register_import(source=data, name=job.original_name, actor=job.created_by,
                                 dry_run=job.dry_run, progress=progress)
    except Exception:  # noqa: BLE001 - any failure must end the job visibly, never half-written
        logger.exception("Import job %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(), phase="",
            errors=[{"line": 0, "column": "", "value": "", "message": "interner Fehler",
                     "text": "Der Import ist mit einem internen Fehler abgebrochen; es wurde nichts "
                             "gespeichert. Bitte wenden Sie sich an die Administration."}])
        job.refresh_from_db()
        return job
    payload = report.as_dict()
    errors = payload.pop("errors")
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE, finished_at=timezone.now(), phase="", total=report.total,
        done=report.total, errors=errors, report=payload)
    job.refresh_from_db()
    if not (job.dry_run and not errors):
        # Nothing more to do with the file: a real import is finished, a failed dry run must be
        # corrected and uploaded again. A clean dry run keeps it for "Import ausführen".
        _file_delete(job)
    return job


def _file_delete(job: ImportJob) -> None:
    if job.file:
        job.file.delete(save=False)
        ImportJob.objects.filter(pk=job.pk).update(file="")


def import_jobs_process_pending(*, limit: int | None = None) -> int:
    """Run pending jobs, oldest first (the worker command). Returns how many it ran."""
    count = 0
    for job in ImportJob.objects.filter(status=ImportJob.Status.PENDING).order_by("created_at", "pk"):
        if limit is not None and count >= limit:
            break
        import_job_run(job=job)
        count += 1
    return count


def import_jobs_cleanup(*, now=None) -> int:
    """Fail jobs whose worker died; delete stored files of finished jobs after a day."""
    now = now or timezone.now()
    ImportJob.objects.filter(status=ImportJob.Status.RUNNING, started_at__lt=now - STALE_AFTER).update(
        status=ImportJob.Status.FAILED, finished_at=now, phase="",
        errors=[{"line": 0, "column": "", "value": "", "message": "abgebrochen", "text": STALE_TEXT}])
    old = ImportJob.objects.filter(finished_at__lt=now - KEEP_FILES).exclude(file="")
    count = 0
    for job in old:
        _file_delete(job)
        count += 1
    return count
