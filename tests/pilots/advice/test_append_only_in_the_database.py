"""On PostgreSQL the database itself refuses to change or delete an append-only row:
decisions, official documents and the advisors' access log, whoever sends the query."""

import pytest
from django.db import IntegrityError, connection, transaction

from pilots.advice import services
from pilots.common.models import AppendOnlyModel
from pilots.models import AdvisorAccess, Decision, OfficialDocument

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL trigger"),
]


def _append_only_tables() -> set[str]:
    found, pending = set(), list(AppendOnlyModel.__subclasses__())
    while pending:
        model = pending.pop()
        pending += model.__subclasses__()
        if not model._meta.abstract:
            found.add(model._meta.db_table)
    return found


def _refused(sql: str, params) -> None:
    with (
        pytest.raises(IntegrityError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_a_raw_update_and_a_raw_delete_are_refused(programme, invitation, advisor):
    entry = services.access_record(invitation=invitation, user=advisor, path="/advice/1/")
    rows = [
        (Decision, programme.decisions.first().pk, "motivation"),
        (OfficialDocument, programme.official_documents.first().pk, "sha256"),
        (AdvisorAccess, entry.pk, "path"),
    ]
    for model, pk, column in rows:
        table = connection.ops.quote_name(model._meta.db_table)
        _refused(f"UPDATE {table} SET {column} = %s WHERE id = %s", ["changed", pk])
        _refused(f"DELETE FROM {table} WHERE id = %s", [pk])
        assert model._base_manager.filter(pk=pk).exists()
    assert Decision._base_manager.get(pk=rows[0][1]).motivation != "changed"


def test_every_append_only_table_has_the_trigger(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE %s AND NOT t.tgisinternal",
            ["%_append_only"],
        )
        guarded = {row[0] for row in cursor.fetchall()}
    assert _append_only_tables() == {
        "pilots_decision",
        "pilots_officialdocument",
        "pilots_advisoraccess",
    }
    assert _append_only_tables() <= guarded
