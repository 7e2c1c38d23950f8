"""The search: what was typed, read into words, and per kind the best matches.

Every word has to match the row somewhere. On PostgreSQL a word matches when the row's
document (its references, names and texts) holds it in full text with the Dutch
configuration (stemmed: "meubelen" finds "meubel"), when it is part of a reference
(ILIKE, which the reference's trigram index serves), or when it is close to a word of a name
(trigram word similarity: a typo). Rows are ranked by the full-text rank of the words and
the trigram similarity of the whole query to the closest name. On SQLite a word matches
when a reference, a name or a text holds it (case-insensitive); a row whose name holds the
whole query comes first.

Each kind costs at most two queries whatever the number of rows: the best `limit` matches,
and their count only when there are more than `limit`.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Greatest
from django.utils.translation import gettext as _

from .kinds import Hit, Kind, kinds_for

MAX_LENGTH = 200
MIN_LENGTH = 2
MAX_WORDS = 8
LIMIT = 10
CONFIG = "dutch"

# A word: letters and digits, with the dashes, dots and slashes inside a reference
# ("2026-0001", "e-mail") kept; whatever else was typed (operators, quotes) only separates.
_WORD = re.compile(r"\w+(?:[-./]\w+)*")


@dataclass(frozen=True)
class Terms:
    words: tuple[str, ...]
    phrase: str
    problem: str = ""
    notice: str = ""


@dataclass
class Group:
    kind: Kind
    hits: list[Hit]
    count: int
    list_link: str | None


@dataclass
class Results:
    terms: Terms
    groups: list[Group] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def terms_of(raw: str | None) -> Terms:
    """The words of what was typed. No input is an error: a NUL, a control character or an
    operator only separates words, and what is too long is cut with a notice."""
    text = unicodedata.normalize("NFC", raw or "")
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    notice = ""
    if len(text) > MAX_LENGTH:
        text = text[:MAX_LENGTH]
        notice = _("Only the first %(count)d characters were searched.") % {"count": MAX_LENGTH}
    words: list[str] = []
    for word in _WORD.findall(text):
        word = word.strip("_")
        if len(word) >= MIN_LENGTH and word.casefold() not in (w.casefold() for w in words):
            words.append(word)
    if len(words) > MAX_WORDS:
        words = words[:MAX_WORDS]
        notice = _("Only the first %(count)d words were searched.") % {"count": MAX_WORDS}
    if not words:
        problem = (
            _("Type at least one word of %(count)d letters or digits.") % {"count": MIN_LENGTH}
            if text.strip()
            else ""
        )
        return Terms(words=(), phrase="", problem=problem)
    return Terms(words=tuple(words), phrase=" ".join(words), notice=notice)


def search(*, user, raw: str | None, limit: int | None = None) -> Results:
    limit = limit or LIMIT
    terms = terms_of(raw)
    results = Results(terms=terms)
    if not terms.words:
        return results
    for kind in kinds_for(user):
        matches = _matches(kind, kind.queryset(user).prefetch_related(None), terms)
        rows = list(matches[:limit])
        count = len(rows) if len(rows) < limit else matches.order_by().count()
        if count:
            results.groups.append(
                Group(
                    kind=kind,
                    hits=[kind.hit(row) for row in rows],
                    count=count,
                    list_link=kind.list_link(terms.phrase),
                )
            )
    return results


def _matches(kind: Kind, queryset, terms: Terms):
    if connections[queryset.db].vendor == "postgresql":
        return _postgres_matches(kind, queryset, terms)
    return _fallback_matches(kind, queryset, terms)


class WordSimilar(Func):
    """`word <% field`: the word is close to a word of `field` (pg_trgm word similarity), the
    operator its GIN trigram index serves."""

    arg_joiner = " <%% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class Contains(Func):
    """`field ILIKE '%word%'`, which the field's GIN trigram index serves (Django's
    `icontains` compares UPPER() of both sides, which no index of the column serves)."""

    arg_joiner = " ILIKE "
    template = "(%(expressions)s)"
    output_field = BooleanField()


def _pattern(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search_vector(kind: Kind) -> CombinedExpression | SearchVector:
    """The kind's document: references and names weigh more than texts. The GIN indexes of
    the search's migration are built on this same expression."""
    vector = SearchVector(*kind.references, *kind.names, config=CONFIG, weight="A")
    if not kind.texts:
        return vector
    return vector + SearchVector(*kind.texts, config=CONFIG, weight="B")


def postgres_condition(kind: Kind, terms: Terms) -> tuple[dict, Q, SearchQuery]:
    """What a row of `kind` must satisfy: every word is in its document, in one of its
    references or close to one of its names. The alias to set first, the condition, and the
    full-text query for the rank (any of the words)."""
    queries = [SearchQuery(word, config=CONFIG, search_type="plain") for word in terms.words]
    conditions = []
    for word, query in zip(terms.words, queries, strict=True):
        matches = [Q(document=query)]
        matches += [Q(Contains(F(name), Value(_pattern(word)))) for name in kind.references]
        matches += [Q(WordSimilar(Value(word), F(name))) for name in kind.names]
        conditions.append(reduce(or_, matches))
    return {"document": search_vector(kind)}, reduce(and_, conditions), reduce(or_, queries)


def _postgres_matches(kind: Kind, queryset, terms: Terms):
    alias, condition, query = postgres_condition(kind, terms)
    similarity = [TrigramWordSimilarity(terms.phrase, name) for name in kind.names]
    closest = Greatest(*similarity) if len(similarity) > 1 else similarity[0]
    return (
        queryset.alias(**alias)
        .filter(condition)
        .annotate(
            search_rank=ExpressionWrapper(
                SearchRank(F("document"), query) + closest, output_field=FloatField()
            )
        )
        .order_by("-search_rank", "pk")
    )


def _fallback_matches(kind: Kind, queryset, terms: Terms):
    fields = kind.references + kind.names + kind.texts
    every_word = reduce(
        and_,
        (
            reduce(or_, (Q(**{f"{name}__icontains": word}) for name in fields))
            for word in terms.words
        ),
    )
    in_name = reduce(
        or_,
        (Q(**{f"{name}__icontains": terms.phrase}) for name in kind.references + kind.names),
    )
    return (
        queryset.filter(every_word)
        .annotate(
            search_rank=Case(
                When(in_name, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        .order_by("-search_rank", "pk")
    )
