"""The MAT briefing as a decision note, read from its data and its HTML (fast): the articles of
the decision, the legal basis of the municipality, the financial consequences with the
financial director's visa, the expected lead-time penalty, and the programme's new fields in
the form, the admin and the approval fingerprint. The rendered PDF (order of the headings, the
summary on one page) is read in `test_documents.py`."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.idempotency import FIELD
from core.scoping import municipality_scope
from pilots.approval import selectors as approval_selectors
from pilots.approval import services
from pilots.documents import render
from pilots.documents.briefing import briefing_articles
from pilots.documents.context import document_context
from pilots.documents.models import DocumentKind
from pilots.documents.sections import decision_rows
from pilots.execution.rules import LeadTime
from pilots.models import LegalBasis, Phase, PhaseType, Programme, Revision
from procurement.models import ProcedureType
from tests.factories import DossierFactory, MunicipalityFactory
from tests.pilots.factories import make_programme

pytestmark = pytest.mark.django_db
VISA_ON = timezone.localdate() - datetime.timedelta(days=28)


def _sections(programme) -> dict:
    context = document_context(programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="nl")
    found = {}

    def walk(sections):
        for section in sections:
            found[section.key] = section
            walk(section.children)

    walk(context["sections"])
    return found


def _html(programme) -> str:
    context = document_context(programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="nl")
    return render.render_html(context, language="nl")


@pytest.fixture
def noted(users):
    """A programme with the decision note's fields, submitted, with the director's visa (with
    a condition and a co-validator). Its dossiers follow a procedure with a reference lead
    time."""
    procedure = ProcedureType.objects.get(code="onderhandelingsprocedure-zonder-bekendmaking")
    programme = make_programme(
        user=users["officer"],
        dossiers=[
            DossierFactory(
                title="Meubilair", estimated_value=Decimal("85000"), procedure=procedure
            ),
            DossierFactory(title="Kledij", estimated_value=Decimal("48000"), procedure=procedure),
        ],
        budget_covers="De begeleiding: marktdialoog en juridisch advies.",
        budget_key="6130000/0119-00",
        feedback_due_on=datetime.date(2027, 3, 31),
        policy_mandate=True,
    )
    kledij = programme.pilots.get(dossier__title="Kledij")
    kledij.procurement_budget = "Exploitatiebudget Mens, 6150000/0130-00"
    kledij.save()
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    # Submitted a month ago and visaed two days later, so that later stages can be dated.
    Revision.objects.filter(programme=programme).update(
        submitted_at=timezone.now() - datetime.timedelta(days=30)
    )
    services.decision_record(
        programme_id=programme.pk,
        user=users["director"],
        decided_on=VISA_ON,
        outcome="approved",
        conditions="Maandelijks rapporteren over budget en doorlooptijd.",
        co_validator=users["head"],
    )
    return Programme.objects.get(pk=programme.pk)


def test_the_decision_is_a_list_of_numbered_articles(noted):
    articles = _sections(noted)["decision"].data["articles"]
    assert [article["heading"] for article in articles] == [
        f"Artikel {number}" for number in range(1, 6)
    ]
    approval, budget, conditions, feedback, mandate = articles
    assert "keurt het proeftraject “Proeftraject circulair aankopen” goed" in approval["text"]
    assert [item.split(" (")[0] for item in approval["items"]] == ["Meubilair", "Kledij"]
    assert "€\u00a025.000,00" in budget["text"]
    assert "op budgetsleutel 6130000/0119-00" in budget["text"]
    assert "De begeleiding: marktdialoog en juridisch advies." in budget["text"]
    meubilair = noted.pilots.get(dossier__title="Meubilair").dossier
    assert budget["items"] == [
        f"Meubilair: budget van de dienst {meubilair.department}",
        "Kledij: Exploitatiebudget Mens, 6150000/0130-00",
    ]
    assert conditions["items"] == ["Maandelijks rapporteren over budget en doorlooptijd."]
    assert "uiterlijk op 31/03/2027" in feedback["text"]
    assert "strategische cel het mandaat" in mandate["text"]


def test_articles_follow_the_programme_without_budget_conditions_or_mandate(users):
    programme = make_programme(user=users["officer"], budget=None)
    programme = Programme.objects.get(pk=programme.pk)
    articles = briefing_articles(programme, list(programme.pilots.all()), decision_rows(programme))
    assert len(articles) == 2
    assert articles[1]["heading"] == "Artikel 2"
    assert articles[1]["text"] == (
        "De evaluatie van elke pilot wordt aan het managementteam teruggekoppeld."
    )


def test_the_articles_are_listed_in_the_briefing(noted):
    html = _html(noted)
    assert "Artikel 5" in html
    assert html.index("Artikel 1") < html.index("Artikel 5")


def test_the_legal_basis_is_the_municipalitys_own(noted, users):
    LegalBasis.objects.create(
        title="Decreet van 22 december 2017 over het lokaal bestuur",
        citation="art. 56, § 3, 5°",
        position=1,
    )
    LegalBasis.objects.create(
        title="Collegebesluit: mandaat aan het managementteam",
        kind=LegalBasis.Kind.DELEGATION,
        position=2,
    )
    neighbour = MunicipalityFactory(name="Gemeente Buurdorp")
    with municipality_scope(neighbour):
        LegalBasis.objects.create(title="BUURDORP-DELEGATIE", kind=LegalBasis.Kind.DELEGATION)
        LegalBasis.objects.create(title="BUURDORP-GROND")
    data = _sections(noted)["legal-basis"].data
    assert [basis.title for basis in data["grounds"]] == [
        "Decreet van 22 december 2017 over het lokaal bestuur"
    ]
    assert [basis.title for basis in data["delegations"]] == [
        "Collegebesluit: mandaat aan het managementteam"
    ]
    html = _html(noted)
    assert "art. 56, § 3, 5°" in html
    assert "BUURDORP" not in html


def test_each_pilot_shows_its_procedure_with_its_legal_reference(noted):
    html = _html(noted)
    plans = _sections(noted)["legal-basis"].data["plans"]
    assert {plan["dossier"].title for plan in plans} == {"Kledij", "Meubilair"}
    for plan in plans:
        assert plan["procedure"] is not None
        assert plan["procedure"].legal_reference.startswith("art. ")
        assert plan["procedure"].legal_reference in html


def test_without_a_legal_basis_the_note_says_so(users):
    programme = make_programme(user=users["officer"])
    html = _html(programme)
    assert "Er is geen delegatie geregistreerd waaronder het managementteam beslist." in html


def test_the_financial_consequences_say_who_pays_what_and_the_directors_visa(noted):
    data = _sections(noted)["finance"].data
    assert data["budget"] == Decimal("25000.00")
    assert data["estimated_total"] == Decimal("133000")
    assert data["budget_key"] == "6130000/0119-00"
    visa = data["visa"]
    assert visa["decision"].conditions == "Maandelijks rapporteren over budget en doorlooptijd."
    assert visa["date"] == VISA_ON  # the day of the visa, not the day it was recorded
    html = _html(noted)
    for expected in [
        "€\u00a025.000,00",
        "€\u00a0133.000,00",
        "6130000/0119-00",
        "Exploitatiebudget Mens, 6150000/0130-00",
        "Visum van de financieel directeur",
        "Maandelijks rapporteren over budget en doorlooptijd.",
    ]:
        assert expected in html, expected


def test_a_decision_taken_in_a_meeting_is_dated_by_the_meeting(noted, decide):
    today = timezone.localdate()
    decide("cell", noted, decided_on=today - datetime.timedelta(days=20))
    decide("mat", noted, meeting_date=today - datetime.timedelta(days=10))
    rows = decision_rows(Programme.objects.get(pk=noted.pk))
    assert [row["date"] for row in rows] == [
        VISA_ON,
        today - datetime.timedelta(days=20),
        today - datetime.timedelta(days=10),
    ]


def test_the_summary_gives_the_planned_lead_time_against_the_reference(noted):
    pilot = noted.pilots.first()
    award = PhaseType.objects.get(code="award")
    first = PhaseType.objects.order_by("position").first()
    Phase.objects.filter(pilot=pilot).delete()
    start = datetime.date(2027, 1, 4)
    Phase.objects.create(pilot=pilot, phase_type=first, planned_start=start, planned_end=start)
    Phase.objects.create(
        pilot=pilot,
        phase_type=award,
        planned_start=start,
        planned_end=start + datetime.timedelta(days=200),
    )
    summary = _sections(noted)["summary"].data
    plan = next(plan for plan in summary["plans"] if plan["pilot"].pk == pilot.pk)
    reference = plan["lead_time"].reference_days
    assert reference is not None
    assert plan["penalty"] == 200 - reference
    assert plan["planned_award"] == start + datetime.timedelta(days=200)
    assert summary["largest_penalty"] >= 200 - reference


def test_the_planned_difference_is_the_plan_against_the_reference():
    assert LeadTime(120, None, None, 90, "").planned_difference == 30
    assert LeadTime(60, None, None, 90, "").planned_difference == -30
    assert LeadTime(None, None, None, 90, "").planned_difference is None
    assert LeadTime(60, None, None, None, "").planned_difference is None


def test_a_programme_without_the_new_fields_keeps_its_fingerprint(users):
    programme = make_programme(user=users["officer"])
    content = programme.content(pilots=programme.pilots.all())
    assert not {"budget_covers", "budget_key", "feedback_due_on", "policy_mandate"} & set(content)
    assert all("procurement_budget" not in pilot for pilot in content["pilots"])
    before = approval_selectors.programme_fingerprint(programme=programme)
    programme.budget_key = "6130000/0119-00"
    assert approval_selectors.programme_fingerprint(programme=programme) != before


def test_the_programme_form_saves_the_note_fields(client_for, programme):
    client = client_for("officer")
    url = reverse("pilots:programme_update", args=[programme.pk])
    page = client.get(url)
    assert b'name="budget_key"' in page.content
    data = {
        "title": programme.title,
        "purpose": programme.purpose,
        "context": programme.context,
        "budget": "25000.00",
        "funding_channel": programme.funding_channel,
        "start_date": programme.start_date.isoformat(),
        "risks": programme.risks,
        "agreements": programme.agreements,
        "budget_covers": "De begeleiding.",
        "budget_key": "6130000/0119-00",
        "feedback_due_on": "2027-03-31",
        "policy_mandate": "on",
        "dossiers": [pilot.dossier_id for pilot in programme.pilots.all()],
        FIELD: page.context["form"][FIELD].value(),
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    programme.refresh_from_db()
    assert programme.budget_key == "6130000/0119-00"
    assert programme.budget_covers == "De begeleiding."
    assert programme.feedback_due_on == datetime.date(2027, 3, 31)
    assert programme.policy_mandate
    detail = client.get(programme.get_absolute_url())
    assert b"6130000/0119-00" in detail.content


def test_the_pilot_form_saves_who_pays_the_procurement(client_for, programme):
    client = client_for("officer")
    pilot = programme.pilots.first()
    url = reverse("pilots:pilot_update", args=[pilot.pk])
    page = client.get(url)
    form = page.context["form"]
    data = {"scope": "Scope", "objectives": "Doelen", "procurement_budget": "Budget Mens"}
    for phase, start, end in form.phase_rows():
        data[start.html_name] = phase.planned_start.isoformat()
        data[end.html_name] = phase.planned_end.isoformat()
    response = client.post(url, data)
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.procurement_budget == "Budget Mens"


def test_an_administrator_keeps_the_legal_basis_of_their_own_municipality(client_for, users):
    neighbour = MunicipalityFactory(name="Gemeente Buurdorp")
    with municipality_scope(neighbour):
        theirs = LegalBasis.objects.create(title="BUURDORP-GROND")
    client = client_for("admin_user")
    response = client.post(
        reverse("admin:pilots_legalbasis_add"),
        {
            "title": "Wet van 17 juni 2016",
            "citation": "art. 4",
            "kind": "legal_ground",
            "position": 1,
        },
    )
    assert response.status_code == 302
    ours = LegalBasis.objects.get(title="Wet van 17 juni 2016")
    assert ours.municipality_id != neighbour.pk
    changelist = client.get(reverse("admin:pilots_legalbasis_changelist"))
    assert b"Wet van 17 juni 2016" in changelist.content
    assert b"BUURDORP" not in changelist.content
    other = client.get(reverse("admin:pilots_legalbasis_change", args=[theirs.pk]))
    assert other.status_code == 302  # the admin's "doesn't exist": not this municipality's


def test_only_an_administrator_reaches_the_legal_basis_in_the_admin(client, users):
    from django.contrib.auth.models import Permission

    officer = users["officer"]
    officer.is_staff = True
    officer.save()
    officer.user_permissions.add(*Permission.objects.filter(codename__endswith="_legalbasis"))
    client.force_login(officer)
    assert client.get(reverse("admin:pilots_legalbasis_changelist")).status_code == 403


def test_the_summary_shows_support_only_with_the_restricted_figures(programme):
    from tests.stakeholders.factories import InvolvementFactory, SupportAssessmentFactory

    for level in (2, 5):
        involvement = InvolvementFactory(subject=programme, influence=5, interest=5)
        SupportAssessmentFactory(involvement=involvement, level=level)
    summary = _sections(programme)["summary"].data["support"]
    assert summary["total_suppressed"]
    assert summary["average"] is None
    html = _html(programme)
    start = html.index('id="section-summary"')
    part = html[start : html.index('id="section-context-chapter"')]
    assert "Hun steun wordt niet getoond" in part
    assert "Gemiddeld draagvlak" not in part
