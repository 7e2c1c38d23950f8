"""Puts the reference data of the data migrations back after a transactional test emptied it.

A browser test runs in a real transaction against a live server; Django empties every table
afterwards, including the roles, procedure thresholds and other rows that data migrations
wrote. Every data migration of the project is idempotent, so running its functions again
restores them."""

from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.operations import RunPython

PROJECT_APPS = {"core", "stakeholders", "procurement", "pilots", "dashboard"}


def reference_data_missing() -> bool:
    return not Group.objects.exists()


def reference_data_restore() -> None:
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    done = set()
    for leaf in sorted(loader.graph.leaf_nodes()):
        for key in loader.graph.forwards_plan(leaf):
            if key in done or key[0] not in PROJECT_APPS:
                continue
            done.add(key)
            for operation in loader.graph.nodes[key].operations:
                if isinstance(operation, RunPython):
                    operation.code(apps, None)
