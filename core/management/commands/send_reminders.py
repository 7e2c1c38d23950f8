import logging
from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone

from core.idempotency import tokens_purge
from core.models import Municipality
from core.scoping import municipality_scope

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Sends the reminders that are due today (rounds nearing their deadline, pending "
        "approval stages, open action items). Meant to run once a day from a scheduler."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        senders = [
            import_module(f"{app.name}.reminders").send_due
            for app in apps.get_app_configs()
            if util.find_spec(f"{app.name}.reminders") is not None
        ]
        sent = failed = 0
        # Each app that has reminders offers them in <app>/reminders.py as send_due(today=...),
        # run once per municipality inside that municipality's scope. A single mail that fails
        # is logged by core.mail; should a whole sender fail, it is logged and the other apps
        # and municipalities still get their reminders today (a scheduler that sees exit 1
        # learns nothing a log line does not tell better).
        for municipality in Municipality.objects.all():
            with municipality_scope(municipality):
                for send_due in senders:
                    try:
                        sent += send_due(today=today)
                    except Exception:
                        failed += 1
                        logger.exception(
                            "Reminders of %s failed for %s", send_due.__module__, municipality
                        )
        self.stdout.write(f"{sent} reminder(s) sent.")
        if failed:
            self.stderr.write(f"{failed} reminder run(s) failed; see the log.")
        # The one-time tokens of create forms are kept a day, long enough for any repeat.
        purged = tokens_purge()
        self.stdout.write(f"{purged} form token(s) purged.")
