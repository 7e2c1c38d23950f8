"""Every form of Draagvlak, posted with generated data: never a 500, never half-saved.

The form pages are the URL patterns of the isolation matrix's `URLS` (with A's own objects,
tests/isolation/conftest.py `own_world`) whose page shows a form that is not bound to the
query (a filter). `FORMS` names them; a page with a new form that is missing fails
`test_every_form_is_fuzzed`. Each is posted as the first persona of `AUTHORS` whom the
permission matrix lets POST there with a 200 (so the form is really processed).

For every field, by its Django field class, Hypothesis draws: the valid value the page offers
(so that the other fields' nonsense reaches the save), or unicode (right-to-left, emoji,
combining marks, control characters, NUL), 100,000 characters, negative and enormous numbers,
malformed dates, a choice that does not exist, a list where one value is expected, or
nothing at all; plus extra fields (a forged `municipality`, `status`, `pk`) and one of the
page's submit buttons.

Each example runs in a savepoint that is rolled back. It holds that:
- no answer is a 5xx and nothing is logged at ERROR (an exception caught and logged counts);
- nothing is half-saved: unless the answer is a redirect, or a page without a bound form in
  error (a form that was accepted), the row count of every table of the project's apps is
  what it was before.
"""

import datetime
import logging
import re
import time

import pytest
from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tests.isolation import test_matrix as isolation
from tests.isolation import test_permission_matrix as matrix

pytestmark = pytest.mark.django_db

# The URL of every form, and where it is shown when that is another page (None: the same).
FORMS: dict[str, str | None] = {
    "login": None,
    "password_change": None,
    "password_reset": None,
    "notifications:preferences": None,
    "procurement:dossier_create": None,
    "procurement:dossier_update": None,
    "procurement:participation_add": "procurement:dossier_detail",
    "selection:round_create": None,
    "selection:criteria": None,
    "selection:decide": None,
    "selection:reopen": None,
    "selection:answer": None,
    "selection:answer_register": None,
    "selection:answer_complete": None,
    "selection:candidate_score": None,
    "selection:candidate_answer": None,
    "stakeholders:person_create": None,
    "stakeholders:person_update": None,
    "stakeholders:organisation_create": None,
    "stakeholders:organisation_update": None,
    "stakeholders:involvement_create": None,
    "stakeholders:concern_create": None,
    "stakeholders:consultation_create": None,
    "stakeholders:involvement_update": None,
    "stakeholders:support_assess": None,
    "stakeholders:concern_update": None,
    "stakeholders:consultation_update": None,
    "stakeholders:decision_add": None,
    "stakeholders:action_item_add": None,
    "pilots:programme_create": None,
    "pilots:substitution_list": None,
    "pilots:programme_detail": None,
    "pilots:programme_update": None,
    "pilots:programme_decide": None,
    "pilots:phases_record": None,
    "pilots:dialogue_create": None,
    "pilots:dialogue_update": None,
    "pilots:point_create": None,
    "pilots:point_detail": None,
    "pilots:point_update": None,
    "pilots:point_delete": None,
    "pilots:measurement_correct": None,
    "pilots:measurement_remove": None,
    "pilots:pilot_evaluation": None,
    "pilots:programme_evaluation": None,
    "pilots:recommendation_create": None,
    "pilots:recommendation_update": None,
    "pilots:recommendation_move": None,
    "pilots:advice_detail": None,
    "pilots:invitation_create": None,
    "pilots:advisor_thread": None,
    "region:case_copy": None,
    "region:case_compare": None,
    "region:case_publish": None,
}
# Pages that show a form another URL takes (fuzzed there), with that URL.
SHOWN_FOR_ANOTHER = {
    "procurement:dossier_detail": "procurement:participation_add",
    "stakeholders:consultation_detail": "stakeholders:decision_add, action_item_add",
    # The attachment form takes a file: its checks are tests/attachments/test_content.py's.
    "pilots:pilot_detail": "attachments:add",
}
AUTHORS = ["officer", "head", "cell", "director", "mat", "admin_user", "staff_own", "advisor"]

# --- The data ---------------------------------------------------------------------------------

NASTY_TEXT = [
    "שלום עולם",  # right to left
    "مرحبا بالعالم",
    "\u202egnp.exe",  # right-to-left override
    "👩‍👩‍👧‍👦🏳️‍🌈🇧🇪",  # emoji, joiners, flags
    "e\u0301\u0302\u0303\u0304" * 40,  # combining marks
    "Za\u0327\u0308lgo\u0336",
    "a\x00b",  # NUL
    "\x00",
    "line\r\nBcc: someone@example.org",
    "\t\x0b\x0c\x1b[31m",
    "\ufeff\u200b\u200d",
    " ",
    '=HYPERLINK("http://x")',
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "%s %(name)s {0} {{ x }}",
    "x" * 100_000,
    "é" * 100_000,
]
NUMBERS = [
    "-1",
    "0",
    "1e30",
    "-1e30",
    "1e309",
    "NaN",
    "Infinity",
    "-0",
    "99999999999999999999999999999",
    "0.0000000001",
    "1,5",
    "١٢٣",
    "12abc",
    "",
]
DATES = [
    "2026-02-30",
    "31/12/2026",
    "",
    "0000-00-00",
    "9999-12-31",
    "0001-01-01",
    "2026-13-01",
    "1-1-1",
    "2026-12-31T25:61",
    "now",
]
CHOICES = ["999999", "-1", "0", "abc", "1.5", ""]
BOOLEANS = ["on", "", "false", "0", "1", "yes"]
FORGED = ["municipality", "status", "pk", "id", "created_by", "is_superuser", "csrfmiddlewaretoken"]

text = st.one_of(
    st.sampled_from(NASTY_TEXT),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=30),
)
numbers = st.one_of(
    st.sampled_from(NUMBERS),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
dates = st.one_of(st.sampled_from(DATES), st.dates().map(str), text)


def _choice_values(field) -> list[str]:
    values = []
    for value, label in getattr(field, "choices", []):
        if isinstance(label, list | tuple):  # an optgroup
            values += [str(inner) for inner, _label in label]
        elif str(value) != "":
            values.append(str(value))
    return values


def _nonsense(field) -> st.SearchStrategy:
    if isinstance(field, forms.BooleanField | forms.NullBooleanField):
        return st.sampled_from(BOOLEANS)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        valid = _choice_values(field)
        return st.one_of(st.sampled_from(CHOICES), st.sampled_from(valid or CHOICES), text)
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return numbers
    if isinstance(field, forms.DateField | forms.DateTimeField | forms.TimeField):
        return dates
    return text


def _valid(field, value) -> object:
    """The value the page offers for `field`, or one that would do for a required one."""
    if isinstance(value, list | tuple):
        return [str(getattr(each, "pk", each)) for each in value]
    if value in (None, ""):
        return _required(field) if field.required else None
    if isinstance(field, forms.BooleanField):
        return "on" if value else None
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(getattr(value, "pk", value))


def _required(field) -> object:
    """A value that would do for a required `field` the page leaves empty."""
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        return _choice_values(field)[:1]
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        return next(iter(_choice_values(field)), "")
    if isinstance(field, forms.BooleanField):
        return "on"
    if isinstance(field, forms.DateField):
        return timezone.localdate().isoformat()
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return str(max(1, getattr(field, "min_value", None) or 1))
    if isinstance(field, forms.EmailField):
        return "fuzz@example.org"
    if isinstance(field, forms.URLField):
        return "https://example.org"
    return "Fuzz"


def _fields(answer) -> list[tuple[str, object, object]]:
    """(posted name, field, valid value) of every field of every unbound form in the page's
    context (a formset's management form and forms included); file fields are left out."""
    found, seen = [], set()
    for context in answer.context or []:
        values = context.flatten() if hasattr(context, "flatten") else dict(context)
        for value in values.values():
            if isinstance(value, forms.BaseFormSet):
                candidates = [value.management_form, *value.forms]
            elif isinstance(value, forms.BaseForm) and not value.is_bound:
                candidates = [value]
            else:
                continue
            for form in candidates:
                if id(form) in seen:
                    continue
                seen.add(id(form))
                for bound in form:
                    if isinstance(bound.field, forms.FileField):
                        continue
                    names = getattr(bound.field.widget, "widgets_names", None)
                    keys = [bound.html_name + suffix for suffix in names] if names else []
                    valid = _valid(bound.field, bound.value())
                    for key in keys or [bound.html_name]:
                        found.append((key, bound.field, valid if not keys else None))
    return found


def _buttons(answer) -> list[str]:
    """The names of the page's named submit buttons (a page with several forms tells them
    apart by the button)."""
    html = answer.content.decode("utf-8", errors="replace")
    return sorted(set(re.findall(r"<button[^>]*\bname=\"([^\"]+)\"", html)))


def _has_form(answer) -> bool:
    return bool(_fields(answer))


# --- Counting rows --------------------------------------------------------------------------


# The project's own apps (by package: a virtualenv inside the checkout holds other apps).
OWN_PACKAGES = {
    "core",
    "notifications",
    "attachments",
    "stakeholders",
    "procurement",
    "pilots",
    "region",
    "dashboard",
}


def _tables() -> list[str]:
    return sorted(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and (
            model._meta.app_config.name.split(".")[0] in OWN_PACKAGES
            or model._meta.app_label == "auth"
        )
    )


def _counts(tables) -> tuple:
    """The row count of every table, in one query (raw SQL: no scope narrows it)."""
    quote = connection.ops.quote_name
    sql = "SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone())


def _accepted(answer) -> bool:
    """A redirect, or a page without a bound form in error: the form was accepted."""
    if answer.status_code in (301, 302, 303):
        return True
    if answer.status_code != 200:
        return False
    for context in answer.context or []:
        values = context.flatten() if hasattr(context, "flatten") else dict(context)
        for value in values.values():
            form_like = isinstance(value, forms.BaseForm | forms.BaseFormSet)
            if form_like and value.is_bound and not value.is_valid():
                return False
    return True


class _Errors(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        self.records.append(record)


# --- The tests --------------------------------------------------------------------------------


def _pages(world):
    """(name, variant, url, page url, persona) of every form page with A's own objects."""
    patterns = {p.name: p for p in isolation.PATTERNS}
    for name, shown_on in FORMS.items():
        pattern, page = patterns[name], patterns[shown_on or name]
        for variant, kwargs in matrix._variants(name, world):
            row = matrix._row(name, variant, "POST")
            author = next((p for p in AUTHORS if row[p] == "200"), None)
            if author is None:
                continue
            url = isolation._url_of(pattern, kwargs)
            page_kwargs = kwargs if shown_on is None else matrix._variants(shown_on, world)[0][1]
            yield name, variant, url, isolation._url_of(page, page_kwargs), author


def test_every_form_is_fuzzed(world):
    """Every page that shows a form (not a filter) is in FORMS, or shows one for another URL;
    every entry of FORMS shows one, to a persona who may post it."""
    clients, unlisted = {}, []
    for pattern in isolation.PATTERNS:
        for variant, kwargs in matrix._variants(pattern.name, world):
            row = matrix._row(pattern.name, variant, "GET")
            author = next((p for p in AUTHORS if row[p] == "200"), None)
            if author is None or pattern.name in FORMS or pattern.name in SHOWN_FOR_ANOTHER:
                continue
            client = clients.setdefault(author, _client(world, author))
            answer = matrix._request(client, "GET", isolation._url_of(pattern, kwargs))
            if _has_form(answer):
                unlisted.append(f"{pattern.name} ({variant})")
    assert not unlisted, f"form pages that are not fuzzed, add them to FORMS: {unlisted}"
    shown = {name for name, *_rest in _pages(world)}
    assert shown == set(FORMS), f"entries of FORMS no persona may post: {set(FORMS) - shown}"


def _client(world, persona) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(world.a_users[persona])
    return client


CASES: dict = {"count": 0, "accepted": 0, "statuses": {}, "cpu": 0.0}


@pytest.mark.parametrize("name", list(FORMS))
def test_the_form_survives_nonsense(name, world):
    tables = _tables()
    pages = [page for page in _pages(world) if page[0] == name]
    assert pages, f"{name}: no variant that a persona may post"
    for _name, variant, url, page_url, author in pages:
        client = _client(world, author)
        shown = matrix._request(client, "GET", page_url)
        fields = _fields(shown)
        if not fields and variant != pages[0][1]:
            continue  # this state of the object offers no form (e.g. a decided programme)
        assert fields, f"{name} ({variant}): {page_url} shows no form to {author}"
        buttons = _buttons(shown)
        _fuzz(client, url, fields, buttons, tables, f"{name} ({variant}) as {author}")


def _fuzz(client, url, fields, buttons, tables, where):
    @given(data=st.data())
    def posted(data):
        payload = {}
        for key, field, valid in fields:
            how = data.draw(st.sampled_from(["valid", "valid", "nonsense", "list", "missing"]))
            if how == "missing" or (how == "valid" and valid is None):
                continue
            if how == "valid":
                payload[key] = valid
            elif how == "list":
                payload[key] = data.draw(st.lists(_nonsense(field), min_size=2, max_size=3))
            else:
                payload[key] = data.draw(_nonsense(field))
        extras = data.draw(st.dictionaries(st.sampled_from(FORGED), text, max_size=2))
        payload.update(extras)
        if buttons:
            payload[data.draw(st.sampled_from(buttons))] = ""
        _post_once(client, url, payload, tables, where)

    posted()


def _post_once(client, url, payload, tables, where):
    started = time.process_time()
    errors = _Errors()
    root = logging.getLogger()
    root.addHandler(errors)
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)
    try:
        with transaction.atomic():
            before = _counts(tables)
            answer = client.post(url, payload)
            after = _counts(tables)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
        root.removeHandler(errors)
    CASES["count"] += 1
    CASES["cpu"] += time.process_time() - started
    CASES["statuses"][answer.status_code] = CASES["statuses"].get(answer.status_code, 0) + 1
    shown = {
        key: (value[:40] if isinstance(value, str) else value) for key, value in payload.items()
    }
    assert answer.status_code < 500, f"POST {url} ({where}): {answer.status_code} for {shown}"
    logged = [f"{r.name}: {r.getMessage()[:200]}" for r in errors.records]
    assert not logged, f"POST {url} ({where}) logged errors {logged} for {shown}"
    if _accepted(answer):
        CASES["accepted"] += 1
    else:
        changed = [t for t, b, a in zip(tables, before, after, strict=True) if b != a]
        assert not changed, (
            f"POST {url} ({where}) answered {answer.status_code} but changed {changed} for {shown}"
        )


def test_the_case_count(record_property):
    """Runs after the forms (pytest keeps a module's order; under xdist each worker counts
    its own): the number of cases, how many were accepted, the statuses."""
    record_property("fuzz_cases", CASES["count"])
    record_property("fuzz_cpu_seconds", round(CASES["cpu"], 1))
    print(
        f"\nform fuzzing: {len(FORMS)} form URLs, {CASES['count']} cases, "
        f"{CASES['accepted']} accepted, statuses {sorted(CASES['statuses'].items())}, "
        f"{CASES['cpu']:.0f} s of CPU for the requests"
    )
