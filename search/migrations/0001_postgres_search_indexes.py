"""The indexes of the search, on PostgreSQL only: pg_trgm, a GIN index per kind on the same
document `search.selectors.search_vector` builds (references and names weight A, texts weight B,
Dutch), and a GIN trigram index on each name (word similarity) and reference (ILIKE). SQLite searches without them.

`tests/search/test_postgres.py` holds that the planner can use every one of them, so that a
change of the document in the selectors without a new migration is caught."""

from django.db import migrations

# (table, references and names, texts): the kinds whose document lies in one table. A pilot's document
# joins its dossier, so no index can hold it; its names are the dossier's, indexed below.
DOCUMENTS = [
    ("procurement_dossier", ["reference", "title"], ["description"]),
    ("procurement_selectionround", ["title"], ["question"]),
    ("pilots_programme", ["title"], ["purpose"]),
    ("stakeholders_person", ["full_name"], ["job_title"]),
    ("stakeholders_organisation", ["name"], ["description"]),
    ("stakeholders_consultation", ["title"], ["minutes"]),
]
NAMES = [
    ("procurement_dossier", "reference"),
    ("procurement_dossier", "title"),
    ("procurement_selectionround", "title"),
    ("pilots_programme", "title"),
    ("stakeholders_person", "full_name"),
    ("stakeholders_organisation", "name"),
    ("stakeholders_consultation", "title"),
]


def _vector(columns: list[str], weight: str) -> str:
    text = " || ' ' || ".join(f"COALESCE({column}, '')::text" for column in columns)
    return f"setweight(to_tsvector('dutch'::regconfig, {text}), '{weight}')"


def document_sql(names: list[str], texts: list[str]) -> str:
    return f"({_vector(names, 'A')} || {_vector(texts, 'B')})"


def _statements():
    for table, names, texts in DOCUMENTS:
        yield (
            f"CREATE INDEX IF NOT EXISTS {table}_search_fts ON {table} "
            f"USING gin ({document_sql(names, texts)})",
            f"DROP INDEX IF EXISTS {table}_search_fts",
        )
    for table, column in NAMES:
        yield (
            f"CREATE INDEX IF NOT EXISTS {table}_{column}_trgm ON {table} "
            f"USING gin ({column} gin_trgm_ops)",
            f"DROP INDEX IF EXISTS {table}_{column}_trgm",
        )


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for forward, _backward in _statements():
        schema_editor.execute(forward)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for _forward, backward in _statements():
        schema_editor.execute(backward)


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0007_dossier_awarded_value"),
        ("pilots", "0013_evaluation_budget_spent_and_unmeasured_reason"),
        ("stakeholders", "0003_municipality"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]
