from importlib import import_module, util

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils import timezone


class Command(BaseCommand):
    help = (
        "Sends the reminders that are due today (rounds nearing their deadline, pending "
        "approval stages, open action items). Meant to run once a day from a scheduler."
    )

    def handle(self, *args, **options):
        today = timezone.localdate()
        sent = 0
        # Each app that has reminders offers them in <app>/reminders.py as send_due(today=...).
        for app in apps.get_app_configs():
            module_name = f"{app.name}.reminders"
            if util.find_spec(module_name) is None:
                continue
            sent += import_module(module_name).send_due(today=today)
        self.stdout.write(f"{sent} reminder(s) sent.")
