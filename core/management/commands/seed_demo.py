from importlib import import_module, util

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.membership import first_municipality
from core.scoping import municipality_scope


class Command(BaseCommand):
    help = "Builds the demo city's story: departments, people, accounts and dossiers. Idempotent."

    def handle(self, *args, **options):
        if not settings.DEMO_DATA_ALLOWED:
            raise CommandError("Demo data is refused under production settings.")
        # Each app seeds its own part, in the order of INSTALLED_APPS, which is also the
        # order of the dependencies: stakeholders, procurement, pilots.
        # The city of the story is the first municipality; each app seeds inside its scope.
        with municipality_scope(first_municipality()), transaction.atomic():
            for app in apps.get_app_configs():
                module_name = f"{app.name}.demo"
                if util.find_spec(module_name) is None:
                    continue
                import_module(module_name).seed(stdout=self.stdout)
        self.stdout.write(
            self.style.SUCCESS("Demo data is in place. Every demo password is 'demo'.")
        )
