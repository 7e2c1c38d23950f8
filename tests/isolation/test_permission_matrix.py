"""The permission matrix: every URL pattern of the project (the isolation matrix's `URLS`),
filled with municipality A's OWN objects, requested as every persona and anonymously, GET and
POST, and compared with one explicit table of expected statuses (`EXPECTED`).

The isolation matrix (test_matrix.py) holds that B's objects are never A's business; this one
holds who of A may do what with A's own: the draft, the programme in approval and the approved
one, a dossier of the persona's own department and of another, an open round, a published
regional case, an advisor's invitation.

- The personas: those of tests/conftest.py (municipality A; `outsider` is a member of A
  without a role), `staff_own` (department staff of the department A's objects belong to:
  `staff` works in another one), A's external `advisor` (a live invitation to the approved
  programme), a regional `coordinator` of A's region (no member of any municipality) and
  anonymous.
- A status is the answer's code; "L" is a redirect to the login page, "302" any other
  redirect. A row lists the statuses in the order of `COLUMNS`.
- A POST carries no data. Each request runs in a savepoint that is rolled back (and the
  client's cookies are put back), so an empty POST that acts all the same (submit, remove,
  end, log out) changes nothing for the requests after it; valid, state-changing POSTs are
  the rooms' own tests.
- WeasyPrint is replaced by a stub for the module: whether a PDF may be read is decided before
  it is rendered, and rendering is tested in tests/pilots/documents.

A URL pattern without an entry in `EXPECTED`, or an entry without a pattern, fails
`test_every_url_pattern_has_an_expectation`; docs/isolation.md says how to add one.
"""

import time

import pytest
from django.db import transaction
from django.test import Client

from . import test_matrix as isolation
from .conftest import own_world
from .world import World

pytestmark = pytest.mark.django_db

COLUMNS = (
    "anonymous",
    "outsider",
    "staff",
    "staff_own",
    "officer",
    "head",
    "director",
    "cell",
    "mat",
    "admin_user",
    "advisor",
    "coordinator",
)
METHODS = ("GET", "POST")

# Rows that many URLs share. Columns:
#            anon  outsider staff staff_own officer head director cell mat admin advisor coord
OPEN = "200 200 200 200 200 200 200 200 200 200 200 200"  # no login needed
SIGNED_IN = "L 200 200 200 200 200 200 200 200 200 200 200"  # anyone signed in
# Every member of A, a member without a role (`outsider`) included.
READ = "L 200 200 200 200 200 200 200 200 200 404 404"
# The region's pages: the members of A and the region's coordinator.
REGION_READ = "L 200 200 200 200 200 200 200 200 200 404 200"
# Members of A with a role.
MEMBERS = "L 403 200 200 200 200 200 200 200 200 403 403"
MEMBER_OBJECT = "L 404 200 200 200 200 200 200 200 200 404 404"
# The procurement officers and the head of procurement.
PROCUREMENT = "L 403 403 403 200 200 403 403 403 403 404 404"
PROCUREMENT_OBJECT = "L 404 403 403 200 200 403 403 403 403 404 404"
PROCUREMENT_ACTION = "L 404 403 403 302 302 403 403 403 403 404 404"  # done, or not now
# Procurement and the staff of the department the object belongs to.
OWN_DEPARTMENT_OBJECT = "L 404 403 200 200 200 403 403 403 403 404 404"
# Procurement and the roles that decide or advise on a programme.
APPROVERS_OBJECT = "L 404 403 403 200 200 200 200 200 403 404 404"
NOT_THIS_METHOD = "L 405 405 405 405 405 405 405 405 405 405 405"

# Per URL name: one row for GET and POST, a (GET, POST) pair, or per variant (the variants of
# the URL's entry in the isolation matrix's URLS, by the names in VARIANT_NAMES) one of those.
EXPECTED: dict = {
    "core:healthz": OPEN,
    "favicon.ico": "301 301 301 301 301 301 301 301 301 301 301 301",
    "core:switch_municipality": (
        "405 405 405 405 405 405 405 405 405 405 405 405",
        "L 302 302 302 302 302 302 302 302 302 302 302",
    ),
    # Each picker's search: who fills its forms (procurement, for all four pickers).
    "core:picker_options": ("L 403 403 403 200 200 403 403 403 403 403 403", NOT_THIS_METHOD),
    "dashboard:home": "L 200 200 200 200 200 200 200 200 200 302 302",
    # Attachments: seen by who sees their object, added and removed by who may change it
    # (a dossier by its department and procurement; a programme only while it is a draft; a
    # pilot and its market dialogue by who records execution; a consultation by procurement);
    # only a programme's or a pilot's may go in the documents' annexes.
    "attachments:download": {
        "dossier": (READ, NOT_THIS_METHOD),
        "programme": (MEMBER_OBJECT, NOT_THIS_METHOD),
        "pilot": (MEMBER_OBJECT, NOT_THIS_METHOD),
        "market dialogue": (MEMBER_OBJECT, NOT_THIS_METHOD),
        "consultation": (READ, NOT_THIS_METHOD),
    },
    **{
        name: {
            "dossier": (NOT_THIS_METHOD, "L 403 403 302 302 302 403 403 403 403 404 404"),
            "programme": (NOT_THIS_METHOD, "L 404 403 403 403 403 403 403 403 403 404 404"),
            "pilot": (NOT_THIS_METHOD, PROCUREMENT_ACTION),
            "market dialogue": (NOT_THIS_METHOD, PROCUREMENT_ACTION),
            "consultation": (NOT_THIS_METHOD, "L 403 403 403 302 302 403 403 403 403 404 404"),
        }
        for name in ("attachments:add", "attachments:remove")
    },
    "attachments:annexes": {
        "dossier": (NOT_THIS_METHOD, "L 403 403 404 404 404 403 403 403 403 404 404"),
        "programme": (NOT_THIS_METHOD, "L 404 403 403 403 403 403 403 403 403 404 404"),
        "pilot": (NOT_THIS_METHOD, PROCUREMENT_ACTION),
        "market dialogue": (NOT_THIS_METHOD, "L 404 403 403 404 404 403 403 403 403 404 404"),
        "consultation": (NOT_THIS_METHOD, "L 403 403 403 404 404 403 403 403 403 404 404"),
    },
    "dashboard:my_work": "L 200 200 200 200 200 200 200 200 200 302 302",
    "dashboard:calendar_feed_create": (
        "L 405 405 405 405 405 405 405 405 405 405 405",
        "L 200 200 200 200 200 200 200 200 200 404 404",
    ),
    "dashboard:calendar_feed_revoke": (
        "L 405 405 405 405 405 405 405 405 405 405 405",
        "L 302 302 302 302 302 302 302 302 302 404 404",
    ),
    "dashboard:calendar_feed": "404 404 404 404 404 404 404 404 404 404 404 404",
    "search:results": (SIGNED_IN, NOT_THIS_METHOD),
    "login": OPEN,
    "logout": ("405 405 405 405 405 405 405 405 405 405 405 405", "L L L L L L L L L L L L"),
    "password_change": SIGNED_IN,
    "password_change_done": (SIGNED_IN, NOT_THIS_METHOD),
    "password_reset": OPEN,
    "password_reset_done": (OPEN, "405 405 405 405 405 405 405 405 405 405 405 405"),
    "password_reset_confirm": OPEN,
    "password_reset_complete": (OPEN, "405 405 405 405 405 405 405 405 405 405 405 405"),
    "set_language": "302 302 302 302 302 302 302 302 302 302 302 302",
    # Anyone signed in has their own notifications; no one reads another's (404).
    "notifications:list": SIGNED_IN,
    "notifications:read": (
        "L 405 405 405 405 405 405 405 405 405 405 405",
        "L 404 404 404 404 404 404 404 404 404 404 404",
    ),
    "notifications:read_all": (
        "L 405 405 405 405 405 405 405 405 405 405 405",
        "L 302 302 302 302 302 302 302 302 302 302 302",
    ),
    "notifications:preferences": SIGNED_IN,
    "procurement:dossier_list": SIGNED_IN,
    "procurement:dossier_export": SIGNED_IN,
    "procurement:dossier_create": "L 403 200 200 200 200 403 403 403 403 403 403",
    "procurement:owner_options": SIGNED_IN,
    "procurement:procedure_suggestion": SIGNED_IN,
    "procurement:dossier_detail": READ,
    "procurement:dossier_update": "L 403 403 200 200 200 403 403 403 403 404 404",
    "procurement:participation_add": (NOT_THIS_METHOD, PROCUREMENT),
    "procurement:participation_change": (NOT_THIS_METHOD, PROCUREMENT),
    "procurement:participation_remove": (
        PROCUREMENT,
        "L 403 403 403 302 302 403 403 403 403 404 404",
    ),
    "selection:round_list": MEMBERS,
    "selection:round_create": "L 403 403 403 200 200 403 403 403 403 403 403",
    "selection:round_detail": MEMBER_OBJECT,
    "selection:criteria": PROCUREMENT_OBJECT,
    "selection:ranking": MEMBER_OBJECT,
    "selection:ranking_export": MEMBER_OBJECT,
    "selection:decide": PROCUREMENT_OBJECT,
    "selection:reopen": PROCUREMENT_OBJECT,
    "selection:answer": OWN_DEPARTMENT_OBJECT,
    "selection:answer_register": OWN_DEPARTMENT_OBJECT,
    "selection:answer_complete": OWN_DEPARTMENT_OBJECT,
    "selection:candidate_score": PROCUREMENT_OBJECT,
    "selection:candidate_answer": OWN_DEPARTMENT_OBJECT,
    "selection:candidate_remove": (
        OWN_DEPARTMENT_OBJECT,
        "L 404 403 302 302 302 403 403 403 403 404 404",
    ),
    "stakeholders:person_list": READ,
    "stakeholders:person_export": READ,
    "stakeholders:person_create": PROCUREMENT,
    "stakeholders:person_detail": READ,
    "stakeholders:person_update": PROCUREMENT,
    "stakeholders:person_data": "L 403 403 403 403 403 403 403 403 200 404 404",
    "stakeholders:person_erase": (
        "L 403 403 403 403 403 403 403 403 200 404 404",
        "L 403 403 403 403 403 403 403 403 302 404 404",
    ),
    "stakeholders:organisation_list": READ,
    "stakeholders:organisation_export": READ,
    "stakeholders:organisation_create": PROCUREMENT,
    "stakeholders:organisation_detail": READ,
    "stakeholders:organisation_update": PROCUREMENT,
    "stakeholders:subject_list": READ,
    "stakeholders:subject_support": {
        "dossier": READ,
        "programme": MEMBER_OBJECT,
    },
    "stakeholders:involvement_create": {
        "dossier": PROCUREMENT,
        "programme": PROCUREMENT_OBJECT,
    },
    "stakeholders:concern_create": {
        "dossier": PROCUREMENT,
        "programme": PROCUREMENT_OBJECT,
    },
    "stakeholders:consultation_create": {
        "dossier": PROCUREMENT,
        "programme": PROCUREMENT_OBJECT,
    },
    "stakeholders:involvement_update": PROCUREMENT,
    "stakeholders:support_assess": PROCUREMENT,
    "stakeholders:concern_update": PROCUREMENT,
    "stakeholders:consultation_list": READ,
    "stakeholders:consultation_export": READ,
    "stakeholders:consultation_detail": READ,
    "stakeholders:consultation_update": PROCUREMENT,
    "stakeholders:decision_add": PROCUREMENT,
    "stakeholders:action_item_add": PROCUREMENT,
    "stakeholders:action_item_complete": (
        PROCUREMENT,
        "L 403 403 403 302 302 403 403 403 403 404 404",
    ),
    "pilots:programme_list": MEMBERS,
    "pilots:programme_export": MEMBERS,
    "pilots:programme_create": "L 403 403 403 200 200 403 403 403 403 403 403",
    "pilots:substitution_list": "L 403 403 403 403 200 200 200 200 403 403 403",
    # The substitution is the world's director's (no persona's): only an administrator ends it.
    "pilots:substitution_end": (NOT_THIS_METHOD, "L 404 404 404 404 404 404 404 404 302 404 404"),
    "pilots:programme_detail": MEMBER_OBJECT,
    "pilots:programme_update": {
        "approved": PROCUREMENT_ACTION,
        "in approval": PROCUREMENT_ACTION,
        "draft": PROCUREMENT_OBJECT,
    },
    "pilots:programme_submit": (PROCUREMENT_OBJECT, PROCUREMENT_ACTION),
    "pilots:programme_decide": (
        "L 404 403 403 403 403 200 403 403 403 404 404",
        "L 404 302 302 302 302 200 302 302 302 404 404",
    ),
    "pilots:pilot_list": MEMBERS,
    "pilots:pilot_export": MEMBERS,
    "pilots:pilot_detail": MEMBER_OBJECT,
    "pilots:pilot_update": PROCUREMENT_ACTION,
    "pilots:briefing_pdf": {
        "approved": MEMBER_OBJECT,
        "in approval": APPROVERS_OBJECT,
        "draft": APPROVERS_OBJECT,
    },
    "pilots:briefing_preview": APPROVERS_OBJECT,
    "pilots:evaluation_pdf": MEMBER_OBJECT,
    "pilots:evaluation_preview": APPROVERS_OBJECT,
    "pilots:document_list": MEMBER_OBJECT,
    "pilots:official_document": MEMBER_OBJECT,
    # A draft's status is for the draft readers; a retry is a POST (here of a ready draft,
    # which stays as it is: back to the PDF link).
    "pilots:rendering_status": APPROVERS_OBJECT,
    "pilots:rendering_retry": (NOT_THIS_METHOD, "L 404 403 403 302 302 302 302 302 403 404 404"),
    "pilots:phases_record": PROCUREMENT_OBJECT,
    "pilots:dialogue_create": PROCUREMENT_OBJECT,
    "pilots:dialogue_update": PROCUREMENT_OBJECT,
    "pilots:point_create": PROCUREMENT_OBJECT,
    "pilots:point_detail": (MEMBER_OBJECT, PROCUREMENT_OBJECT),
    # Correcting or removing a measurement: who records measurements (an empty POST is the
    # form again, with its errors).
    "pilots:measurement_correct": PROCUREMENT_OBJECT,
    "pilots:measurement_remove": PROCUREMENT_OBJECT,
    "pilots:point_update": PROCUREMENT_OBJECT,
    "pilots:point_delete": PROCUREMENT_OBJECT,
    "pilots:pilot_evaluation": PROCUREMENT_OBJECT,
    "pilots:programme_evaluation": "L 404 403 403 200 200 403 403 200 403 404 404",
    "pilots:policy_draft": MEMBERS,
    "pilots:recommendation_list": MEMBERS,
    "pilots:recommendation_export": MEMBERS,
    "pilots:recommendation_create": "L 403 403 403 403 403 403 200 403 403 403 403",
    "pilots:recommendation_detail": MEMBER_OBJECT,
    "pilots:recommendation_update": "L 404 403 403 403 403 403 200 403 403 404 404",
    "pilots:recommendation_move": (
        "L 404 403 403 403 403 403 200 200 403 404 404",
        "L 404 302 302 302 302 302 200 200 302 404 404",
    ),
    "pilots:advice_list": (SIGNED_IN, NOT_THIS_METHOD),
    "pilots:advice_detail": "L 404 404 404 404 404 404 404 404 404 200 404",
    "pilots:advice_document": ("L 404 404 404 404 404 404 404 404 404 200 404", NOT_THIS_METHOD),
    "pilots:invitation_create": PROCUREMENT_OBJECT,
    "pilots:advisor_thread": PROCUREMENT_OBJECT,
    "pilots:invitation_end": (PROCUREMENT_OBJECT, PROCUREMENT_ACTION),
    "region:case_list": REGION_READ,
    "region:case_detail": REGION_READ,
    "region:case_report": REGION_READ,
    "region:case_withdraw": (
        "L 403 403 403 200 200 403 403 403 403 404 403",
        "L 403 403 403 302 302 403 403 403 403 404 403",
    ),
    "region:case_copy": "L 403 403 403 200 200 403 403 403 403 404 403",
    "region:case_compare": REGION_READ,
    "region:figures": REGION_READ,
    "region:share_list": "L 403 403 403 200 200 403 403 403 403 403 403",
    "region:case_publish": PROCUREMENT,
}

# The names of the variants of URLS's shared variant lists, in their order.
# The order of tests/isolation/world.py's ATTACHED_TO.
ATTACHED = ("dossier", "programme", "pilot", "market dialogue", "consultation")
VARIANT_NAMES = {
    isolation._programmes: ("approved", "in approval", "draft"),
    isolation._pilots: ("approved", "in approval"),
    isolation._subjects: ("dossier", "programme"),
    isolation._round: ("open",),
    isolation._attachment_holders: ATTACHED,
    isolation._attachments: ATTACHED,
}


def _decided_round(w: World) -> dict:
    return {"pk": w["closed_round"].pk}


# States the isolation matrix does not need but the permissions do, by URL name and variant.
EXTRA_VARIANTS = {
    name: {"decided": _decided_round}
    for name in (
        "selection:round_detail",
        "selection:criteria",
        "selection:ranking",
        "selection:decide",
        "selection:reopen",
    )
}


def _variants(name: str, world: World) -> list[tuple[str, dict]]:
    entry = isolation.URLS[name]
    variants = entry.variants(world)
    names = VARIANT_NAMES.get(entry.variants) or [str(i) for i in range(len(variants))]
    extra = [(label, make(world)) for label, make in EXTRA_VARIANTS.get(name, {}).items()]
    return list(zip(names, variants, strict=True)) + extra


def _row(name: str, variant: str, method: str) -> dict[str, str]:
    spec = EXPECTED[name]
    if isinstance(spec, dict):
        spec = spec[variant]
    if isinstance(spec, tuple):
        spec = spec[METHODS.index(method)]
    statuses = spec.split()
    assert len(statuses) == len(COLUMNS), f"{name}: {spec!r} has not {len(COLUMNS)} columns"
    return dict(zip(COLUMNS, statuses, strict=True))


def _status(answer) -> str:
    if answer.status_code == 302:
        return "L" if answer["Location"].startswith(isolation.LOGIN) else "302"
    return str(answer.status_code)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with own_world(django_db_blocker) as built:
        yield built


def _request(client: Client, method: str, url: str):
    """One request in a savepoint that is rolled back, the client's cookies put back."""
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)
    try:
        with transaction.atomic():
            answer = client.get(url) if method == "GET" else client.post(url, {})
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return answer


def test_every_url_pattern_has_an_expectation():
    names = {p.name for p in isolation.PATTERNS}
    missing = sorted(names - set(EXPECTED))
    assert not missing, f"URL patterns without a row in the permission matrix: {missing}"
    stale = sorted(set(EXPECTED) - names)
    assert not stale, f"rows of the permission matrix for URL patterns that are gone: {stale}"


@pytest.mark.parametrize("persona", COLUMNS)
def test_persona_gets_the_expected_status_everywhere(persona, world, record_property):
    client = Client()
    if persona != "anonymous":
        client.force_login(world.a_users[persona])
    problems, requests, started = [], 0, time.process_time()
    for pattern in isolation.PATTERNS:
        assert pattern.name in EXPECTED, f"{pattern.name} has no row in EXPECTED"
        for variant, kwargs in _variants(pattern.name, world):
            url = isolation._url_of(pattern, kwargs)
            for method in METHODS:
                expected = _row(pattern.name, variant, method)[persona]
                got = _status(_request(client, method, url))
                requests += 1
                if got != expected:
                    problems.append(
                        f"{method} {url} ({pattern.name}, {variant}) as {persona}: "
                        f"{got}, expected {expected}"
                    )
    record_property("permission_matrix_requests", requests)
    record_property("permission_matrix_cpu_seconds", round(time.process_time() - started, 1))
    assert not problems, "\n".join(problems)


def test_the_permission_matrix_size(world, record_property):
    """Reported in the run (`-rP` shows it): URL patterns × personas × variants × methods."""
    urls = sum(len(_variants(p.name, world)) for p in isolation.PATTERNS)
    requests = urls * len(COLUMNS) * len(METHODS)
    print(
        f"\npermission matrix: {len(isolation.PATTERNS)} URL patterns, {urls} URLs with their "
        f"variants, × {len(COLUMNS)} personas × {len(METHODS)} methods = {requests} requests"
    )
    record_property("permission_matrix_requests", requests)
    assert requests >= 3000
