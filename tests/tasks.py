"""Running the background tasks in a test, through the real database backend and its worker.

The suite needs no running worker. Code under test enqueues its tasks after its transaction
commits (`core.scoping.on_commit`); inside a test's transaction nothing commits, so
`run_tasks()` first runs those enqueueing callbacks (only those: mails stay where the test
left them), then the worker of `django-tasks-db` in batch mode: every queued task, then exit.
"""

from unittest import mock

from django.db import connections
from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


class TaskFailed(AssertionError):
    pass


def _enqueue_pending() -> int:
    connection = connections["default"]
    ran = connection.__dict__.setdefault("_tests_enqueued", [])
    count = 0
    for _savepoints, callback, _robust in list(connection.run_on_commit):
        wrapped = getattr(callback, "__wrapped__", None)
        if getattr(wrapped, "enqueues_task", False) and not any(callback is c for c in ran):
            ran.append(callback)
            callback()
            count += 1
    return count


def run_worker_once(*, worker_id: str) -> None:
    """The worker of `manage.py db_worker --batch`: every queued task, then exit."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    ).run()


def run_tasks(*, failures_expected: bool = False) -> list[DBTaskResult]:
    """Enqueues what waits for a commit and runs every queued task; returns the results the
    worker finished. Raises when a task failed, unless `failures_expected`."""
    seen = set(DBTaskResult.objects.values_list("pk", flat=True))
    for _round in range(5):
        _enqueue_pending()
        if not DBTaskResult.objects.ready().exists():
            break
        # The worker closes stale connections between tasks; in a test that would close the
        # test's own transaction (as the test client keeps requests from doing).
        with mock.patch.object(db_worker, "close_old_connections", return_value=None):
            run_worker_once(worker_id="tests")
    results = list(DBTaskResult.objects.exclude(pk__in=seen).order_by("enqueued_at"))
    failed = [result for result in results if result.status == "FAILED"]
    if failed and not failures_expected:
        raise TaskFailed("\n".join(result.traceback for result in failed))
    return results
