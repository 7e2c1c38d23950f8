"""The isolation matrix: every URL pattern of the project, requested as every persona of
municipality A (tests/conftest.py) and anonymously, with the objects of municipality B
(tests/isolation/world.py) in its URL.

- An object URL (it names one of B's objects) answers 404: never 200, never 403, which would
  tell that the object exists. Anonymous may be sent to the login page instead. A POST to it
  answers 404 too (a GET-only page may answer 405).
- A page without an object (a list, an export, a feed, a form, an htmx partial) may answer
  200, but none of B's markers ("B-GEHEIM-<n>") may appear in it: not in the HTML, the CSV, the
  cells of the Excel sheet, the text of a PDF, a JSON answer or the headers. Each is requested
  plainly, and as an htmx request for its results filtered on B's ids and markers.
- Django's own admin patterns are not walked (they are the same few views for every model);
  instead the admin's changelist, change, history and delete pages of every registered model
  that municipalities own are requested as A's administrator, with B's primary keys.

`URLS` maps every URL name to how it is requested. A URL pattern without an entry fails
`test_every_url_pattern_has_an_entry` with its name, so a new page cannot be added without
saying how it keeps B's data out.
"""

import io
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page
from django.db import models
from django.db.models import QuerySet
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.models import Membership
from core.scoping import municipality_scope
from pilots.models import ApprovalChain
from procurement.models import Dossier
from tests.conftest import PERSONAS

from .world import ATTACHED_TO, MARK, World

pytestmark = pytest.mark.django_db

OBJECT, PAGE, PUBLIC = "object", "page", "public"
PERSONA_NAMES = [*PERSONAS, None]  # None: anonymous
LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
# A superuser may work in any municipality once they switch to it (core/membership.py): the
# forged switch is no forgery for them.
SUPERUSERS = {"admin_user"}
# The admin as A's administrator, as a persona who is no staff, and anonymously: every persona
# without staff status gets the same redirect to the admin's login.
ADMIN_PERSONAS = ["admin_user", "officer", None]


@dataclass(frozen=True)
class Entry:
    """How a URL is requested: its kind, the kwargs variants built from B's world, and for a
    page the query of its htmx request (besides q=B-GEHEIM) and the element it targets."""

    kind: str
    variants: Callable[[World], list[dict]] = lambda w: [{}]
    query: Callable[[World], dict] = lambda w: {}
    hx_target: str = ""
    post: Callable[[World], dict] | None = None  # a page that is a form: what to POST to it


def obj(variants):
    return Entry(OBJECT, variants=variants)


def page(query=None, hx_target="", post=None):
    return Entry(PAGE, query=query or (lambda w: {}), hx_target=hx_target, post=post)


def export(query=None):
    return Entry(
        PAGE,
        variants=lambda w: [{"file_format": "csv"}, {"file_format": "xlsx"}],
        query=query or (lambda w: {}),
    )


def public(variants=None):
    return Entry(PUBLIC, variants=variants or (lambda w: [{}]))


def _subjects(w: World) -> list[dict]:
    """B's dossier and B's programme as stakeholder subjects."""
    return [
        {"content_type_id": ContentType.objects.get_for_model(o).pk, "object_id": o.pk}
        for o in (w["dossier"], w["programme"])
    ]


def _programmes(w: World) -> list[dict]:
    return [{"pk": w[name].pk} for name in ("programme", "submitted", "draft")]


def _pilots(w: World) -> list[dict]:
    return [{"pk": w["pilot"].pk}, {"pk": w["submitted_pilot"].pk}]


def _round(w: World) -> list[dict]:
    return [{"pk": w["round"].pk}]


def _answer(w: World) -> list[dict]:
    return [{"pk": w["round"].pk, "department_id": w["department"].pk}]


def _candidate(w: World) -> list[dict]:
    return [{"pk": w["round"].pk, "candidate_id": w["candidate"].pk}]


def _point(w: World) -> list[dict]:
    return [{"pk": w["pilot"].pk, "point_id": w["point"].pk}]


def _measurement(w: World) -> list[dict]:
    return [{"pk": w["pilot"].pk, "point_id": w["point"].pk, "measurement_id": w["measurement"].pk}]


def _b_filters(w: World) -> dict:
    """Filter values that are B's ids: a filter must not accept them as choices."""
    return {
        "department": w["department"].pk,
        "organisation": w["organisation"].pk,
        "programme": w["programme"].pk,
        "round": w["round"].pk,
    }


def _dossier(w: World) -> list[dict]:
    return [{"reference": w["dossier"].reference}]


def _participation(w: World) -> list[dict]:
    """B's joint dossier and its participation; A's world has no region, hence none."""
    if "participation" not in w.objects:
        return []
    return [{"reference": w["dossier"].reference, "participation_id": w["participation"].pk}]


def _case(w: World) -> list[dict]:
    """B's published case; A's world in the matrix has no region, hence none."""
    return [{"pk": w["case"].pk}] if "case" in w.objects else []


def _invitation(w: World) -> list[dict]:
    return [{"pk": w["programme"].pk, "invitation_id": w["invitation"].pk}]


def _rendering(w: World) -> list[dict]:
    return [{"pk": w["programme"].pk, "rendering_id": w["rendering"].pk}]


def _pk(name):
    return lambda w: [{"pk": w[name].pk}]


def _attachment_holders(w: World) -> list[dict]:
    return [{"key": key, "pk": w[name].pk} for key, name in ATTACHED_TO.items()]


def _attachments(w: World) -> list[dict]:
    return [{"pk": attachment.pk} for attachment in w["attachments"]]


URLS: dict[str, Entry] = {
    # core, dashboard, accounts, i18n
    "core:healthz": public(),
    # attachments
    "attachments:add": obj(_attachment_holders),
    "attachments:download": obj(_attachments),
    "attachments:remove": obj(_attachments),
    "attachments:annexes": obj(_attachments),
    # A forged choice: B is none of A's personas' municipalities.
    "core:switch_municipality": page(post=lambda w: {"municipality": w.municipality.pk}),
    "favicon.ico": public(),
    # The options of a searchable picker, as JSON and as the search page without JavaScript.
    "core:picker_options": Entry(
        PAGE,
        variants=lambda w: [
            {"name": n} for n in ("open-dossiers", "people", "organisations", "market-parties")
        ],
        query=lambda w: {"format": "json"},
    ),
    "dashboard:home": page(),
    "dashboard:my_work": page(),
    "dashboard:calendar_feed_create": page(post=lambda w: {}),
    "dashboard:calendar_feed_revoke": page(post=lambda w: {}),
    # A replaced link: nobody, logged in or not, reads a feed with it (a live link is its
    # owner's key: tests/isolation/test_calendar.py holds that it opens only their work).
    "dashboard:calendar_feed": obj(lambda w: [{"token": w["calendar_token_replaced"]}]),
    "search:results": page(),
    "login": public(),
    "logout": public(),
    "password_change": page(),
    "password_change_done": page(),
    "password_reset": public(),
    "password_reset_done": public(),
    "password_reset_confirm": public(lambda w: [{"uidb64": "MQ", "token": "set-password"}]),
    "password_reset_complete": public(),
    "set_language": public(),
    # notifications: a user's own, in the municipality they work in
    "notifications:list": page(),
    "notifications:read": obj(_pk("notification")),
    "notifications:read_all": page(),
    "notifications:preferences": page(post=lambda w: {"language": "en", "outcome": "off"}),
    # procurement: dossiers
    "procurement:dossier_list": page(_b_filters, "dossier-results"),
    "procurement:dossier_export": export(_b_filters),
    "procurement:dossier_create": page(_b_filters),
    "procurement:owner_options": page(_b_filters),
    "procurement:procedure_suggestion": page(
        lambda w: {"subject_type": "supplies", "estimated_value": "50000"}
    ),
    "procurement:dossier_detail": obj(_dossier),
    "procurement:dossier_update": obj(_dossier),
    "procurement:participation_add": obj(_dossier),
    "procurement:participation_change": obj(_participation),
    "procurement:participation_remove": obj(_participation),
    # procurement: selection
    "selection:round_list": page(_b_filters),
    "selection:round_create": page(),
    "selection:round_detail": obj(_round),
    "selection:criteria": obj(_round),
    "selection:ranking": obj(_round),
    "selection:ranking_export": obj(
        lambda w: [{"pk": w["round"].pk, "file_format": f} for f in ("csv", "xlsx")]
    ),
    "selection:decide": obj(_round),
    "selection:reopen": obj(_round),
    "selection:answer": obj(_answer),
    "selection:answer_register": obj(_answer),
    "selection:answer_complete": obj(_answer),
    "selection:candidate_score": obj(_candidate),
    "selection:candidate_answer": obj(_candidate),
    "selection:candidate_remove": obj(_candidate),
    # stakeholders
    "stakeholders:person_list": page(_b_filters, "person-results"),
    "stakeholders:person_export": export(_b_filters),
    "stakeholders:person_create": page(),
    "stakeholders:person_detail": obj(_pk("person")),
    "stakeholders:person_update": obj(_pk("person")),
    "stakeholders:person_data": obj(_pk("person")),
    "stakeholders:person_erase": obj(_pk("person")),
    "stakeholders:organisation_list": page(_b_filters, "organisation-results"),
    "stakeholders:organisation_export": export(_b_filters),
    "stakeholders:organisation_create": page(),
    "stakeholders:organisation_detail": obj(_pk("organisation")),
    "stakeholders:organisation_update": obj(_pk("organisation")),
    "stakeholders:subject_list": page(_b_filters),
    "stakeholders:subject_support": obj(_subjects),
    "stakeholders:involvement_create": obj(_subjects),
    "stakeholders:concern_create": obj(_subjects),
    "stakeholders:consultation_create": obj(_subjects),
    "stakeholders:involvement_update": obj(_pk("involvement")),
    "stakeholders:support_assess": obj(_pk("involvement")),
    "stakeholders:concern_update": obj(_pk("concern")),
    "stakeholders:consultation_list": page(_b_filters, "consultation-results"),
    "stakeholders:consultation_export": export(_b_filters),
    "stakeholders:consultation_detail": obj(_pk("consultation")),
    "stakeholders:consultation_update": obj(_pk("consultation")),
    "stakeholders:decision_add": obj(_pk("consultation")),
    "stakeholders:action_item_add": obj(_pk("consultation")),
    "stakeholders:action_item_complete": obj(_pk("action_item")),
    # pilots: approval
    "pilots:programme_list": page(_b_filters, "programme-results"),
    "pilots:programme_export": export(_b_filters),
    "pilots:programme_create": page(lambda w: {"round": w["closed_round"].pk}),
    "pilots:substitution_list": page(),
    "pilots:substitution_end": obj(_pk("substitution")),
    "pilots:programme_detail": obj(_programmes),
    "pilots:programme_update": obj(_programmes),
    "pilots:programme_submit": obj(_pk("draft")),
    "pilots:programme_decide": obj(_pk("submitted")),
    "pilots:pilot_list": page(_b_filters, "pilot-results"),
    "pilots:pilot_export": export(_b_filters),
    "pilots:pilot_detail": obj(_pilots),
    "pilots:pilot_update": obj(_pilots),
    # pilots: documents
    "pilots:briefing_pdf": obj(_programmes),
    "pilots:briefing_preview": obj(_programmes),
    "pilots:evaluation_pdf": obj(_pk("programme")),
    "pilots:evaluation_preview": obj(_pk("programme")),
    "pilots:document_list": obj(_pk("programme")),
    "pilots:official_document": obj(
        lambda w: [
            {"pk": w["programme"].pk, "document_id": w[name].pk}
            for name in ("briefing", "evaluation_report")
        ]
    ),
    "pilots:rendering_status": obj(_rendering),
    "pilots:rendering_retry": obj(_rendering),
    # pilots: execution
    "pilots:phases_record": obj(_pk("pilot")),
    "pilots:dialogue_create": obj(_pk("pilot")),
    "pilots:dialogue_update": obj(
        lambda w: [{"pk": w["pilot"].pk, "dialogue_id": w["dialogue"].pk}]
    ),
    # pilots: evaluation
    "pilots:point_create": obj(_pk("pilot")),
    "pilots:point_detail": obj(_point),
    "pilots:point_update": obj(_point),
    "pilots:point_delete": obj(_point),
    "pilots:measurement_correct": obj(_measurement),
    "pilots:measurement_remove": obj(_measurement),
    "pilots:pilot_evaluation": obj(_pk("pilot")),
    "pilots:programme_evaluation": obj(_pk("programme")),
    # pilots: advice
    "pilots:advice_list": page(),
    "pilots:advice_detail": obj(_pk("invitation")),
    "pilots:advice_document": obj(
        lambda w: [{"pk": w["invitation"].pk, "document_id": w["briefing"].pk}]
    ),
    "pilots:invitation_create": obj(_pk("programme")),
    "pilots:advisor_thread": obj(_invitation),
    "pilots:invitation_end": obj(_invitation),
    # region: B's case is shared with B's region, which is not A's
    "region:case_list": page(_b_filters, "case-results"),
    "region:case_detail": obj(_case),
    "region:case_report": obj(_case),
    "region:case_withdraw": obj(_case),
    "region:case_copy": obj(_case),
    "region:case_compare": page(lambda w: {"a": w["case"].pk, "b": w["case"].pk}),
    "region:figures": page(),
    "region:share_list": page(),
    "region:case_publish": obj(lambda w: [{"pilot_id": w["pilot"].pk}]),
    # pilots: policy
    "pilots:policy_draft": page(_b_filters),
    "pilots:recommendation_list": page(_b_filters, "recommendation-results"),
    "pilots:recommendation_export": export(_b_filters),
    "pilots:recommendation_create": page(_b_filters),
    "pilots:recommendation_detail": obj(_pk("recommendation")),
    "pilots:recommendation_update": obj(_pk("recommendation")),
    "pilots:recommendation_move": obj(_pk("recommendation")),
}


# --- The URL patterns ----------------------------------------------------------------------


@dataclass(frozen=True)
class Pattern:
    name: str  # the namespaced URL name, or the route of a pattern without one
    route: str
    named: bool


def _is_django_admin(resolver: URLResolver) -> bool:
    """The rule for skipping: Django's admin site (`admin.site.urls`, app_name "admin"). Its
    pages of owned models are requested by `test_admin_pages_of_owned_models_hide_b`."""
    return resolver.app_name == admin.site.name


def url_patterns(patterns=None, prefix="", namespace="") -> list[Pattern]:
    found = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if _is_django_admin(pattern):
                continue
            inner = pattern.namespace
            scoped = ":".join(part for part in (namespace, inner) if part)
            found += url_patterns(pattern.url_patterns, prefix + str(pattern.pattern), scoped)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            if pattern.name:
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found.append(Pattern(name, route, named=True))
            else:
                found.append(Pattern(route, route, named=False))
    return found


PATTERNS = url_patterns()


def test_every_url_pattern_has_an_entry():
    names = [p.name for p in PATTERNS]
    assert len(names) == len(set(names)), "two patterns share a name"
    missing = sorted(set(names) - set(URLS))
    assert not missing, f"URL patterns without an isolation entry in URLS: {missing}"
    stale = sorted(set(URLS) - set(names))
    assert not stale, f"entries in URLS for URL patterns that no longer exist: {stale}"


def test_the_matrix_size(world, record_property):
    """Reported in the run (`-rP` shows it, the JUnit XML records it): the number of URL ×
    persona cells the matrix requests."""
    cells = sum(
        len(URLS[p.name].variants(world)) * len(PERSONA_NAMES) for p in PATTERNS if p.name in URLS
    )
    admin_cells = len(_admin_urls(world)) * len(ADMIN_PERSONAS)
    own_cells = sum(
        len(URLS[p.name].variants(world.own)) * len(OWN_PERSONAS) for p in OBJECT_PATTERNS
    )
    # An object cell is a GET and a POST, a page cell a plain and an htmx GET.
    requests = 2 * cells + admin_cells + own_cells
    print(  # the size is part of the report
        f"\nisolation matrix: {len(PATTERNS)} URL patterns, {cells} URL × persona cells with "
        f"B's objects, {own_cells} with A's own objects, {admin_cells} admin URL × persona "
        f"cells, {len(PERSONA_NAMES)} personas (anonymous included), about {requests} requests"
    )
    record_property("isolation_matrix_cells", cells)
    record_property("isolation_matrix_admin_cells", admin_cells)
    record_property("isolation_matrix_own_cells", own_cells)
    assert len(PATTERNS) >= 90
    assert len(PERSONA_NAMES) == 9
    assert cells >= 1000


# --- Reading an answer ---------------------------------------------------------------------


def body_text(response) -> str:
    """Everything a person could read in the answer: the headers, the HTML, CSV or JSON, the
    cells of an Excel file, the text of a PDF."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    parts = [f"{key}: {value}" for key, value in response.items()]
    if "spreadsheetml" in kind:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(content), read_only=True)
        for sheet in book.worksheets:
            parts.append(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                parts.extend(str(value) for value in row if value is not None)
    elif "pdf" in kind:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(content))
        text = "".join(page.extract_text() for page in reader.pages)
        parts.append(re.sub(r"\s+", "", text))
    else:
        parts.append(content.decode("utf-8", errors="replace"))
    return "\n".join(parts)


def leaked(response, rows=None) -> list[str]:
    """B's markers in the answer and, given B's `rows`, B's objects in the templates' context
    (what a page loaded but shows only as a count or a chart)."""
    found = set(re.findall(rf"{MARK}-\d+", body_text(response)))
    if rows:
        found |= {f"{type(o)._meta.label}#{o.pk}" for o in _context_objects(response, rows)}
    return sorted(found)


def _context_objects(response, rows) -> list:
    """B's model instances reachable in the context: directly, in lists, tuples, sets and
    dicts, in a page, or in a queryset already evaluated. Nothing is queried again."""
    seen, found = set(), []
    stack = [value for context in (response.context or []) for value in _values(context)]
    while stack:
        value = stack.pop()
        if id(value) in seen:
            continue
        seen.add(id(value))
        if isinstance(value, models.Model):
            if value.pk in rows.get(type(value), ()):
                found.append(value)
        elif isinstance(value, QuerySet):
            stack.extend(value._result_cache or [])
        elif isinstance(value, Page):
            stack.extend(value.object_list)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, list | tuple | set | frozenset):
            stack.extend(value)
    return found


def _values(context) -> list:
    if hasattr(context, "flatten"):
        return list(context.flatten().values())
    return list(context.values()) if isinstance(context, dict) else []


def _to_login(response, login=LOGIN) -> bool:
    return response.status_code == 302 and response["Location"].startswith(login)


# --- The clients ---------------------------------------------------------------------------


@pytest.fixture
def clients(world, db):
    """One logged-in client per persona of A, and an anonymous one."""
    made = {}
    for name in PERSONA_NAMES:
        client = Client()
        if name is not None:
            client.force_login(world.a_users[name])
        made[name] = client
    return made


def _who(name) -> str:
    return name or "anonymous"


# --- The matrix ----------------------------------------------------------------------------


def _hidden(answer, *, anonymous: bool) -> bool:
    """404; for anonymous the login page will do; 405 when the method is not the page's
    (the other method is requested too)."""
    return answer.status_code in (404, 405) or (anonymous and _to_login(answer))


def _check_object(client, who, url, rows) -> list[str]:
    problems = []
    anonymous = who == "anonymous"
    for method in ("GET", "POST"):
        answer = client.get(url) if method == "GET" else client.post(url, {})
        if not _hidden(answer, anonymous=anonymous):
            problems.append(f"{method} {url} as {who}: {answer.status_code}, expected 404")
        if found := leaked(answer, rows):
            problems.append(f"{method} {url} as {who}: shows {found}")
    return problems


def _check_page(client, who, url, entry, world) -> list[str]:
    problems = []
    anonymous = who == "anonymous"
    query = {**entry.query(world), "q": MARK}
    headers = {"HX-Request": "true"}
    if entry.hx_target:
        headers["HX-Target"] = entry.hx_target
    for answer, how in (
        (client.get(url), "GET"),
        (client.get(url, query, headers=headers), "htmx GET"),
    ):
        if (
            anonymous
            and entry.kind == PAGE
            and not (_to_login(answer) or answer.status_code == 405)
        ):
            problems.append(f"{how} {url} as {who}: {answer.status_code}, expected the login")
        if answer.status_code >= 500:
            problems.append(f"{how} {url} as {who}: {answer.status_code}")
        if answer.status_code == 405:
            answer = client.post(url, {})
            how = "POST"
            if answer.status_code >= 500:
                problems.append(f"{how} {url} as {who}: {answer.status_code}")
        if found := leaked(answer, world.rows):
            problems.append(f"{how} {url} as {who}: shows {found}")
    if entry.post is not None and who not in SUPERUSERS:
        answer = client.post(url, entry.post(world), follow=True)
        if found := leaked(answer, world.rows):
            problems.append(f"POST {url} and after as {who}: shows {found}")
        after = client.get(reverse("procurement:dossier_list"))
        if after.status_code == 200 and (found := leaked(after, world.rows)):
            problems.append(f"POST {url}, then the dossiers as {who}: shows {found}")
    return problems


def _url_of(pattern: Pattern, kwargs: dict) -> str:
    if not pattern.named:
        return "/" + pattern.route
    return reverse(pattern.name, kwargs=kwargs)


@pytest.mark.parametrize("pattern", PATTERNS, ids=[p.name for p in PATTERNS])
def test_url_hides_municipality_b(pattern, world, clients):
    entry = URLS.get(pattern.name)
    assert entry is not None, f"{pattern.name} ({pattern.route}) has no entry in URLS"
    problems = []
    for kwargs in entry.variants(world):
        url = _url_of(pattern, kwargs)
        for name, client in clients.items():
            who = _who(name)
            if entry.kind == OBJECT:
                problems += _check_object(client, who, url, world.rows)
            else:
                problems += _check_page(client, who, url, entry, world)
    assert not problems, "\n".join(problems)


# Who sees most of A's own objects; staff sees its own department's only (A's world files
# in another) and the outsider nothing at all, which the pass over B's objects covers.
OWN_PERSONAS = ["officer", "head", "director", "cell", "mat", "admin_user"]
OBJECT_PATTERNS = [p for p in PATTERNS if p.name in URLS and URLS[p.name].kind == OBJECT]


@pytest.mark.parametrize("pattern", OBJECT_PATTERNS, ids=[p.name for p in OBJECT_PATTERNS])
def test_a_own_object_pages_hide_municipality_b(pattern, world, clients):
    """A's own objects, as A's personas see them: whatever a page offers next to the object
    (a choice of people, dossiers or co-validators, a history) is none of B's."""
    problems = []
    for kwargs in URLS[pattern.name].variants(world.own):
        url = _url_of(pattern, kwargs)
        for name in OWN_PERSONAS:
            client = clients[name]
            answer = client.get(url)
            if answer.status_code >= 500:
                problems.append(f"GET {url} as {name}: {answer.status_code}")
            if found := leaked(answer, world.rows):
                problems.append(f"GET {url} as {name}: shows {found}")
            if answer.status_code == 200 and "pdf" in answer.get("Content-Type", ""):
                break  # a document is the same for everyone who may read it; rendering is slow
    assert not problems, "\n".join(problems)


# --- The admin -----------------------------------------------------------------------------


def _admin_models() -> list:
    """The registered models that municipalities own: an owned default manager, or a field to
    the municipality (the memberships, the approval chains). The municipalities and regions
    themselves are the instance's, for superusers."""
    found = []
    for model in admin.site._registry:
        owned = type(model._default_manager).__module__ == "core.scoping"
        if owned or model in (Membership, ApprovalChain):
            found.append(model)
    return found


def _b_pk(world: World, model) -> int:
    with municipality_scope(world.municipality):
        if model in (Membership, ApprovalChain):
            rows = model.objects.filter(municipality=world.municipality)
        else:
            rows = model._default_manager.all()
        pk = rows.order_by("pk").values_list("pk", flat=True).first()
    assert pk is not None, f"B's world has no {model._meta.label}: add one to world.py"
    return pk


NOWHERE = 999_999  # a primary key no row has


def _admin_urls(world: World) -> list[tuple[str, str, str]]:
    """(kind, url, the same url for a row that exists nowhere) for every admin page of an
    owned model, with B's primary key."""
    urls = []
    for model in _admin_models():
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pk = _b_pk(world, model)
        changelist = reverse(f"{info}_changelist")
        urls += [(PAGE, changelist, ""), (PAGE, changelist + f"?q={MARK}", "")]
        for view in ("change", "history", "delete"):
            urls.append(
                (
                    OBJECT,
                    reverse(f"{info}_{view}", args=[pk]),
                    reverse(f"{info}_{view}", args=[NOWHERE]),
                )
            )
        if model is Dossier:
            with municipality_scope(world.municipality):
                record = Dossier.objects.get(pk=pk).history.order_by("pk").first()
            name = f"{info}_simple_history"
            urls.append(
                (
                    OBJECT,
                    reverse(name, args=[pk, record.pk]),
                    reverse(name, args=[NOWHERE, record.pk]),
                )
            )
        for field_name in admin.site._registry[model].autocomplete_fields:
            query = (
                f"?app_label={model._meta.app_label}&model_name={model._meta.model_name}"
                f"&field_name={field_name}&term="
            )
            urls.append((PAGE, reverse("admin:autocomplete") + query, ""))
    return urls


def _admin_missing(response) -> bool:
    """Django's admin answers an unknown primary key with a redirect to its index ("… with ID
    … doesn't exist"), the same for B's object as for none at all."""
    return response.status_code == 302 and response["Location"] == reverse("admin:index")


def _admin_hidden(client, answer, nowhere: str) -> bool:
    if answer.status_code == 404 or _admin_missing(answer):
        return True
    return answer.status_code == 403 and client.get(nowhere).status_code == 403


def test_admin_pages_of_owned_models_hide_b(world, clients):
    """As A's administrator an admin page of B's row answers as for a row that exists
    nowhere: 404, the admin's "doesn't exist" redirect, or a 403 that every row gets (the
    delete page of a read-only model). Everyone else is sent to the admin's login."""
    problems = []
    for kind, url, nowhere in _admin_urls(world):
        for name in ADMIN_PERSONAS:
            client = clients[name]
            who = _who(name)
            answer = client.get(url)
            staff = name == "admin_user"
            if not staff and not _to_login(answer, ADMIN_LOGIN):
                problems.append(f"GET {url} as {who}: {answer.status_code}, expected the login")
            if staff and kind == OBJECT and not _admin_hidden(client, answer, nowhere):
                problems.append(f"GET {url} as {who}: {answer.status_code}, expected 404")
            if found := leaked(answer, world.rows):
                problems.append(f"GET {url} as {who}: shows {found}")
            if staff and answer.status_code == 302 and url.endswith("/change/"):
                followed = client.get(answer["Location"])
                if found := leaked(followed, world.rows):
                    problems.append(f"GET {url} → {answer['Location']} as {who}: {found}")
    assert not problems, "\n".join(problems)


def test_the_matrix_sees_b_when_it_is_there(world, clients):
    """The matrix is no empty check: the same pages as one of B's officers show B's markers."""
    client = Client()
    client.force_login(world.users["officer"])
    answer = client.get(reverse("procurement:dossier_detail", args=[world["dossier"].reference]))
    assert answer.status_code == 200
    assert leaked(answer)
    assert f"procurement.Dossier#{world['dossier'].pk}" in leaked(answer, world.rows)
    export_answer = client.get(reverse("procurement:dossier_export", args=["xlsx"]))
    assert leaked(export_answer)
    pdf = client.get(
        reverse("pilots:official_document", args=[world["programme"].pk, world["briefing"].pk])
    )
    assert pdf.status_code == 200
    assert leaked(pdf)
    assert settings.LOGIN_URL == "login"
