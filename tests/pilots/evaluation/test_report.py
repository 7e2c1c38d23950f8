"""The evaluation report as a decision note: the decision asked as articles that follow each
pilot's conclusion and the recommendations still to decide, the financial consequences, how
support and the fears evolved since the MAT's approval (for every reader, so without names and
only over 3 or more people), why a point was not measured, and nothing of what the MAT decides
on the report itself.

These tests read the report's data and HTML, not its pages, so they live outside
tests/pilots/documents/ and get the suite's stand-in PDF for the briefings their approvals
freeze; the order of the headings in the rendered PDF is tested in
tests/pilots/documents/test_documents.py."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from pilots.common.errors import PilotError
from pilots.documents import render
from pilots.documents.context import document_context
from pilots.documents.models import DocumentKind
from pilots.documents.report import evaluation_articles
from pilots.evaluation import services as evaluation_services
from pilots.models import PolicyRecommendation
from procurement.models import Dossier
from stakeholders.models import Concern
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import add_point, approve
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import (
    ConcernFactory,
    InvolvementFactory,
    PersonFactory,
    SupportAssessmentFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
APPROVED_ON = TODAY - datetime.timedelta(days=60)


def _days_ago(days: int) -> datetime.date:
    return TODAY - datetime.timedelta(days=days)


def _approved(users, dossiers=None, **overrides):
    programme = make_programme(user=users["officer"], dossiers=dossiers, **overrides)
    return approve(programme, users, meeting_date=APPROVED_ON)


def _evaluate(pilot, user, conclusion, motivation="Omdat het werkt."):
    evaluation_services.pilot_evaluation_save(
        pilot_id=pilot.pk,
        user=user,
        summary="Samenvatting.",
        conclusion=conclusion,
        motivation=motivation,
    )


def _sections(programme) -> dict:
    context = document_context(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )
    found = {}

    def walk(sections):
        for section in sections:
            found[section.key] = section
            walk(section.children)

    walk(context["sections"])
    return found


def _html(programme) -> str:
    context = document_context(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )
    return render.render_html(context, language="nl-be").replace("\xa0", " ")


def _recommendation(programme, user, title, status):
    return PolicyRecommendation.objects.create(
        programme=programme, theme="circular", title=title, text="Tekst.", status=status
    )


def test_the_articles_follow_each_pilots_conclusion_and_the_recommendations_still_to_decide(
    users,
):
    dossiers = [
        DossierFactory(title="Werkkledij"),
        DossierFactory(title="Meubilair"),
        DossierFactory(title="Catering"),
        DossierFactory(title="Papier"),
    ]
    programme = _approved(users, dossiers=dossiers)
    pilots = {pilot.dossier.title: pilot for pilot in programme.pilots.all()}
    _evaluate(pilots["Werkkledij"], users["officer"], "scale_up", "Alle doelen gehaald.")
    _evaluate(pilots["Meubilair"], users["officer"], "adjust")
    _evaluate(pilots["Catering"], users["officer"], "stop")
    # "Papier" is not evaluated: the MAT cannot decide on it yet.
    statuses = PolicyRecommendation.Status
    for title, status in [
        ("Voorgesteld", statuses.PROPOSED),
        ("Besproken", statuses.DISCUSSED),
        ("Aangenomen", statuses.ADOPTED),
        ("Verworpen", statuses.REJECTED),
    ]:
        _recommendation(programme, users["cell"], title, status)

    sections = _sections(programme)
    articles = sections["decision"].data["articles"]
    assert [article["number"] for article in articles] == [1, 2, 3, 4, 5, 6]
    texts = [article["text"] for article in articles]
    assert texts[0] == (
        "Het MAT neemt kennis van de evaluatie van het proeftraject "
        "“Proeftraject circulair aankopen”."
    )
    assert set(texts[1:4]) == {
        "De pilot “Werkkledij” wordt opgeschaald.",
        "De pilot “Meubilair” wordt bijgestuurd vóór hij wordt opgeschaald.",
        "De pilot “Catering” wordt stopgezet.",
    }
    assert not any("Papier" in text for text in texts)
    assert texts[4:] == [
        "De beleidsaanbeveling “Besproken” wordt opgenomen in het strategisch aankoopbeleid.",
        "De beleidsaanbeveling “Voorgesteld” wordt opgenomen in het strategisch aankoopbeleid.",
    ]
    scaled = next(article for article in articles if article["kind"] == "scale_up")
    assert scaled["motivation"] == "Alle doelen gehaald."
    # One function builds them; the summary up front lists the same articles.
    assert sections["summary"].data["articles"] is articles

    html = _html(programme)
    assert "Artikel 6" in html
    assert "Nog niet geëvalueerd, dus zonder artikel: Papier." in html
    assert "Het managementteam beslist:" in html


def test_a_programme_without_evaluated_pilots_only_takes_note(users):
    programme = _approved(users)
    programme = type(programme).objects.prefetch_related("pilots").get(pk=programme.pk)
    articles = evaluation_articles(programme, [])
    assert [article["kind"] for article in articles] == ["note"]


def test_the_finances_compare_the_budget_spent_and_the_awarded_values_with_the_estimates(users):
    awarded = DossierFactory(
        title="Meubilair",
        estimated_value=Decimal("85000.00"),
        status=Dossier.Status.CLOSED,
        awarded_value=Decimal("78400.00"),
    )
    open_dossier = DossierFactory(title="Werkkledij", estimated_value=Decimal("48000.00"))
    programme = _approved(users, dossiers=[awarded, open_dossier], budget=Decimal("25000.00"))
    evaluation_services.programme_evaluation_save(
        programme_id=programme.pk,
        user=users["officer"],
        summary="Samenvatting.",
        budget_spent=Decimal("21850.00"),
    )

    finances = _sections(programme)["finances"].data
    assert finances["budget"] == Decimal("25000.00")
    assert finances["spent"] == Decimal("21850.00")
    assert finances["remaining"] == Decimal("3150.00")
    assert finances["spent_percent"] == Decimal("87.4")
    rows = {row["pilot"].dossier.title: row for row in finances["rows"]}
    assert rows["Meubilair"]["difference"] == Decimal("-6600.00")
    assert rows["Meubilair"]["percent"] == Decimal("-7.8")
    assert rows["Werkkledij"]["awarded"] is None
    assert finances["estimated_total"] == Decimal("133000.00")
    # The difference compares what is awarded with its own estimate, not with every pilot's.
    assert finances["awarded_total"] == Decimal("78400.00")
    assert finances["estimated_of_awarded"] == Decimal("85000.00")
    assert finances["difference"] == Decimal("-6600.00")
    assert not finances["all_awarded"]

    html = _html(programme)
    assert "€ 21.850,00 besteed van € 25.000,00" in html
    assert "€ 78.400,00 gegund tegenover € 85.000,00 geraamd" in html
    assert "1 van 2 gegund" in html
    assert "nog niet gegund" in html


def test_the_budget_spent_cannot_be_negative(users):
    programme = _approved(users)
    with pytest.raises(PilotError, match="minstens 0"):
        evaluation_services.programme_evaluation_save(
            programme_id=programme.pk,
            user=users["officer"],
            summary="Samenvatting.",
            budget_spent=Decimal("-1"),
        )


def _assess(programme, name, levels, *, influence=4, interest=4):
    involvement = InvolvementFactory(
        subject=programme,
        person=PersonFactory(full_name=name),
        influence=influence,
        interest=interest,
    )
    for days_ago, level in levels:
        SupportAssessmentFactory(
            involvement=involvement,
            assessed_on=_days_ago(days_ago),
            level=level,
            note=f"Notitie over {name}",
        )
    return involvement


def test_support_since_the_approval_shows_only_figures_over_three_people_and_no_names(users):
    programme = _approved(users)
    # Three people assessed before the approval; after it only one changes. Both averages
    # side by side would give that person's change away, so only today's figure shows.
    _assess(programme, "Anna Alfa", [(90, 2), (10, 5)])
    _assess(programme, "Bert Beta", [(90, 4)])
    _assess(programme, "Carla Gamma", [(90, 3)])
    support = _sections(programme)["support"].data
    assert [point["date"] for point in support["points"]] == [_days_ago(10)]
    assert support["at_approval"] is None
    assert (support["latest"]["count"], support["latest"]["average"]) == (3, 4.0)
    assert support["assessed_points_hidden"]

    # Two more people change after the approval: three changes, so today's figure shows.
    _assess(programme, "Dirk Delta", [(90, 3), (5, 4)])
    _assess(programme, "Eva Epsilon", [(90, 3), (5, 4)])
    support = _sections(programme)["support"].data
    assert [point["date"] for point in support["points"]] == [_days_ago(90), _days_ago(5)]
    assert (support["at_approval"]["count"], support["at_approval"]["average"]) == (5, 3.0)
    assert (support["latest"]["count"], support["latest"]["average"]) == (5, 4.0)

    html = _html(programme)
    for name in ["Anna Alfa", "Bert Beta", "Dirk Delta", "Notitie over"]:
        assert name not in html
    assert "bij de goedkeuring door het MAT" in html
    assert "3 / 5 (neutraal, 5 mensen) bij de goedkeuring → 4 / 5 (steunend, 5 mensen) nu" in html


def test_support_over_fewer_than_three_people_is_not_shown(users):
    programme = _approved(users)
    _assess(programme, "Anna Alfa", [(90, 1)])
    _assess(programme, "Bert Beta", [(90, 5)])
    support = _sections(programme)["support"].data
    assert support["points"] == []
    html = _html(programme)
    assert "niet getoond: minder dan 3 mensen ingeschat" in html
    assert "Draagvlak wordt alleen getoond over 3 of meer ingeschatte mensen" in html


def test_the_concerns_are_split_by_the_approval_and_listed_without_who_raised_them(users):
    programme = _approved(users)
    raiser = InvolvementFactory(subject=programme, person=PersonFactory(full_name="Ria Raiser"))
    owner = PersonFactory(full_name="Otto Owner")
    for description, raised, status in [
        ("Juridisch risico van nieuwe criteria", 80, Concern.Status.OPEN),
        ("Huurmodel duurder", 70, Concern.Status.MITIGATED),
        ("Geen leveranciers", 65, Concern.Status.DROPPED),
        ("Langere doorlooptijd", 20, Concern.Status.IN_PROGRESS),
    ]:
        ConcernFactory(
            involvement=raiser,
            description=description,
            raised_on=_days_ago(raised),
            status=status,
            owner=owner,
            mitigation="Een maatregel.",
        )
    support = _sections(programme)["support"].data
    earlier = {row["concern"].description: row["state"] for row in support["earlier"]}
    assert earlier == {
        "Juridisch risico van nieuwe criteria": "open",
        "Huurmodel duurder": "mitigated",
        "Geen leveranciers": "closed",
    }
    assert [row["concern"].description for row in support["new"]] == ["Langere doorlooptijd"]
    assert support["counts"] == {"open": 1, "mitigated": 1, "closed": 1}

    html = _html(programme)
    assert "afgesloten: niet langer relevant" in html
    assert "3 geuit vóór de goedkeuring: 1 nog open, 1 opgevangen, 1 afgesloten; 1 nieuwe" in html
    assert "Ria Raiser" not in html
    assert "Otto Owner" not in html


def test_an_unmeasured_point_shows_its_reason_or_says_none_was_given(users):
    programme = make_programme(user=users["officer"])
    pilot = programme.pilots.first()
    measured = add_point(pilot, users["officer"])
    explained = add_point(pilot, users["officer"], indicator="Aandeel lokale leveranciers")
    add_point(pilot, users["officer"], indicator="Herstel", unit="dagen")
    programme = approve(programme, users)
    evaluation_services.measurement_add(
        point_id=measured.pk,
        user=users["officer"],
        measured_on=_days_ago(1),
        value=Decimal("15"),
        source="Register",
    )
    evaluation_services.point_unmeasured_reason_save(
        point_id=explained.pk,
        user=users["officer"],
        reason="De leverancier meldt zijn onderaannemers pas bij de jaarafrekening.",
    )
    sections = _sections(programme)
    results = sections[f"results-{pilot.pk}"].data
    assert results["unmeasured"] == [
        {
            "indicator": "Aandeel lokale leveranciers",
            "reason": "De leverancier meldt zijn onderaannemers pas bij de jaarafrekening.",
        },
        {"indicator": "Herstel", "reason": ""},
    ]
    assert sections["rollup"].data["unmeasured"][1]["indicator"] == "Herstel"
    html = _html(programme)
    assert (
        "Niet gemeten: Aandeel lokale leveranciers (De leverancier meldt zijn onderaannemers "
        "pas bij de jaarafrekening.); Herstel (geen reden opgegeven)"
    ) in html
    assert "Er is geen reden opgegeven waarom het niet gemeten wordt." in html
    assert "2 punten niet gemeten" in html


def test_the_mats_decision_on_the_evaluation_is_not_in_the_report(users):
    programme = make_programme(user=users["officer"])
    point = add_point(programme.pilots.first(), users["officer"])
    programme = approve(programme, users, meeting_date=APPROVED_ON)
    evaluation_services.measurement_add(
        point_id=point.pk,
        user=users["officer"],
        measured_on=_days_ago(1),
        value=Decimal("15"),
        source="Register",
    )
    feedback = {
        "programme_id": programme.pk,
        "summary": "Het programma werkt.",
        "fed_back_on": TODAY,
    }
    evaluation_services.programme_evaluation_save(user=users["mat"], **feedback)
    run_tasks()  # the report is frozen as fed back; the MAT decides on it afterwards
    evaluation_services.programme_evaluation_save(
        user=users["mat"], mat_decision="Het MAT keurt de opschaling van alles goed.", **feedback
    )
    html = _html(programme)
    assert "Gemiddelde score van de pilots: 50 / 100." in html  # the results are there
    assert "Het programma werkt." in html  # the summary the MAT is given
    assert "Het MAT keurt de opschaling van alles goed." not in html
    assert "Beslissing van het MAT" not in html


def test_the_pilots_are_annexes_after_the_decision_in_the_contents_too(users):
    programme = _approved(users)
    context = document_context(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )
    sections = context["sections"]
    assert [section.number for section in sections] == ["", "1", "2", "3", "4", "5", "6", ""]
    assert sections[0].key == "summary"
    assert sections[-2].key == "decision"
    annexes = sections[-1]
    assert annexes.annexes
    titles = sorted(pilot.dossier.title for pilot in programme.pilots.all())
    assert [(child.number, child.title) for child in annexes.children] == [
        ("Bijlage 1", titles[0]),
        ("Bijlage 2", titles[1]),
    ]
    html = render.render_html(context, language="nl-be")
    toc = html[html.index('class="toc"') : html.index('class="document-body"')]
    assert toc.index("Besluit") < toc.index("Bijlage 1") < toc.index("Bijlage 2")
