"""The search on PostgreSQL: Dutch full text, trigrams, ranking and its indexes."""

import pytest
from django.db import connection

from core.scoping import scopes_disabled
from search import selectors
from search.kinds import KINDS
from tests.factories import DossierFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full text"),
]


def _titles(results, key="dossiers") -> list[str]:
    for group in results.groups:
        if group.kind.key == key:
            return [hit.title.split(" · ", 1)[-1] for hit in group.hits]
    return []


def test_dutch_stemming_finds_the_singular_from_the_plural_and_back(users, department):
    DossierFactory(title="Een nieuw meubel voor de bib", department=department)
    DossierFactory(title="Kantoormeubilair", department=department)
    officer = users["officer"]
    assert _titles(selectors.search(user=officer, raw="meubelen")) == [
        "Een nieuw meubel voor de bib"
    ]
    DossierFactory(title="Stoelen voor de raadzaal", department=department)
    assert _titles(selectors.search(user=officer, raw="stoel")) == ["Stoelen voor de raadzaal"]


def test_a_typo_in_a_name_is_forgiven_by_trigrams(users, world):
    found = selectors.search(user=users["officer"], raw="Zonepanelen Vlaanderen")
    assert _titles(found, "organisations") == ["Zonnepanelen Vlaanderen"]


def test_a_match_in_the_title_ranks_above_one_in_the_description(users, department):
    DossierFactory(
        title="Onderhoud groen", description="Ook de daken: zonnepanelen.", department=department
    )
    DossierFactory(title="Zonnepanelen sporthal", department=department)
    assert _titles(selectors.search(user=users["officer"], raw="zonnepanelen")) == [
        "Zonnepanelen sporthal",
        "Onderhoud groen",
    ]


def test_tsquery_operators_are_plain_words_to_postgresql(users, world):
    for typed in ["zonne:* & !(panelen | stadhuis)", "'zon' <-> 'panelen'", "a:*", "!!"]:
        selectors.search(user=users["officer"], raw=typed)


def test_pg_trgm_is_installed():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == (1,)


INDEXED = ["dossiers", "rounds", "programmes", "people", "organisations", "consultations"]


@pytest.mark.parametrize("key", INDEXED)
def test_the_planner_can_use_the_kinds_indexes(users, key):
    """With sequential scans off, the kind's condition is answered from its full-text index
    and its trigram indexes together: the migration's index expressions are those the
    selectors build."""
    kind = next(kind for kind in KINDS if kind.key == key)
    model = kind.queryset(users["officer"]).model
    alias, condition, _query = selectors.postgres_condition(kind, selectors.terms_of("zonne"))
    with scopes_disabled():
        sql, params = (
            model.objects.alias(**alias)
            .filter(condition)
            .order_by()
            .values("pk")
            .query.sql_with_params()
        )
    with connection.cursor() as cursor:
        # Only bitmap scans left: on near-empty tables the planner may otherwise walk an index
        # of the ordering and filter, which says nothing about the search's indexes.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    table = model._meta.db_table
    assert "BitmapOr" in plan, plan
    assert f"Bitmap Index Scan on {table}_search_fts" in plan, plan
    for name in kind.references + kind.names:
        assert f"Bitmap Index Scan on {table}_{name}_trgm" in plan, plan
