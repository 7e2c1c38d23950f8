"""Decisions, official documents and the advisors' access log are append-only in the
database itself on PostgreSQL: a row trigger refuses every UPDATE and DELETE, whoever sends
it (a raw query, a script, a console). TRUNCATE (the test suite's flush) and DROP TABLE (a
restore with pg_restore --clean) fire no row trigger. SQLite keeps only the models' guard:
Django's flush there deletes row by row."""

from django.db import migrations

TABLES = ["pilots_decision", "pilots_officialdocument", "pilots_advisoraccess"]

FUNCTION = """
CREATE OR REPLACE FUNCTION draagvlak_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'rows of % are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
"""


class RunSQLOnPostgres(migrations.RunSQL):
    """SQL for PostgreSQL only; on another database the operation does nothing. Not a
    RunPython, so tests/reference_data.py does not run it again."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [("pilots", "0008_substitution_ended")]

    operations = [
        RunSQLOnPostgres(
            sql=[FUNCTION]
            + [
                f'CREATE TRIGGER "{table}_append_only" BEFORE UPDATE OR DELETE ON "{table}" '
                "FOR EACH ROW EXECUTE FUNCTION draagvlak_refuse_change()"
                for table in TABLES
            ],
            reverse_sql=[
                f'DROP TRIGGER IF EXISTS "{table}_append_only" ON "{table}"' for table in TABLES
            ]
            + ["DROP FUNCTION IF EXISTS draagvlak_refuse_change()"],
        )
    ]
