"""The region's part of the demo: the neighbours' own dossiers and evaluated pilots, each
published as a case, and the city's evaluated demo pilot published too. Everything goes
through the services, inside the scope of the municipality it belongs to. Idempotent: a
dossier, a programme or a case already there is left as it is."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from core.demo import neighbours
from core.membership import first_municipality, grant_roles
from core.models import Municipality
from core.roles import Role
from core.scoping import municipality_scope
from pilots import demo as pilots_demo
from pilots.approval import services as approval_services
from pilots.evaluation import services as evaluation_services
from pilots.execution import services as execution_services
from pilots.models import Outcome, PilotEvaluation, Programme, Revision
from procurement.dossiers import services as dossier_services
from procurement.models import CircularStrategy, Dossier
from stakeholders.models import Department

from . import selectors, services

# Per neighbour NIS code: its department, its dossiers (title, subject, value, CPV,
# strategies) of which the first is piloted, and what its pilot taught.
NEIGHBOUR_STORY = {
    "99001": {
        "slug": "oostdorp",
        "department": ("fac", "Facility"),
        "dossiers": [
            ("Schoonmaakdiensten gemeentehuis", "services", "85000.00", "90910000-9", ["R2"]),
            ("Kantoormeubilair bibliotheek", "supplies", "38000.00", "39130000-2", ["R3", "R5"]),
            ("Openbare verlichting LED", "supplies", "120000.00", "31520000-7", ["R2", "R8"]),
        ],
        "point": ("circularity", "Aandeel ecologische schoonmaakmiddelen", "%", "20", "80", "75"),
        "evaluation": {
            "summary": "De schoonmaak met ecologische middelen en microvezel werkt, tegen een "
            "gelijke kost.",
            "lessons": "Vraag de leverancier om verbruiksgegevens per maand; zo meet je zonder "
            "extra werk.",
            "success_factors": "Een leverancier die meedacht in de marktdialoog.",
            "pitfalls": "De nulmeting ontbrak: die moest achteraf gereconstrueerd worden.",
            "conclusion": "scale_up",
            "motivation": "Bijna het volledige doel gehaald; uitbreiden naar alle gebouwen.",
        },
        "lead_days": 150,
    },
    "99002": {
        "slug": "westveld",
        "department": ("tec", "Technische dienst"),
        "dossiers": [
            ("Herstel speeltoestellen", "services", "24000.00", "50870000-4", ["R4"]),
            ("Werkkledij groendienst", "supplies", "31000.00", "18100000-0", ["R3", "R8"]),
            ("Renovatie sporthal", "works", "640000.00", "45212200-8", ["R6"]),
        ],
        "point": (
            "circularity",
            "Herstelde in plaats van vervangen toestellen",
            "%",
            "10",
            "60",
            "70",
        ),
        "evaluation": {
            "summary": "Herstellen in plaats van vervangen haalde meer dan verwacht.",
            "lessons": "Een raamcontract voor herstel spaart een nieuwe procedure per toestel.",
            "success_factors": "Een inventaris van alle toestellen vooraf.",
            "pitfalls": "De veiligheidskeuring na herstel vraagt een aparte afspraak.",
            "conclusion": "scale_up",
            "motivation": "Doel overschreden; opschalen naar alle speelpleinen.",
        },
        "lead_days": 120,
    },
}

# The other accounts of a neighbour, so its pilot runs through the approval chain like the
# city's: (suffix, full name, role).
CHAIN_ACCOUNTS = [
    ("directeur", "Financieel directeur", Role.FINANCIAL_DIRECTOR),
    ("hoofd", "Hoofd aankoop", Role.HEAD_OF_PROCUREMENT),
    ("cel", "Strategische cel", Role.STRATEGIC_CELL),
    ("mat", "MAT-secretaris", Role.MAT_MEMBER),
]


def _account(username: str, full_name: str, municipality: Municipality, role: str):
    user, created = get_user_model().objects.get_or_create(
        username=username,
        defaults={
            "first_name": full_name,
            "last_name": municipality.name.removeprefix("Gemeente "),
            "email": f"{username}@{municipality.name.split()[-1].lower()}.be",
        },
    )
    if created:
        user.set_password("demo")
        user.save(update_fields=["password"])
    grant_roles(user, municipality, role)
    return user


def _officer(municipality: Municipality, slug: str):
    if municipality.nis_code == "99001":
        # core.demo's neighbour officer
        return get_user_model().objects.get(username="inkoper-buur")
    return _account(f"inkoper-{slug}", "Inkoper", municipality, Role.PROCUREMENT_OFFICER)


def _dossiers(story: dict, officer) -> list[Dossier]:
    code, name = story["department"]
    department, _created = Department.objects.get_or_create(code=code, defaults={"name": name})
    today = timezone.localdate()
    existing = {dossier.title: dossier for dossier in Dossier.objects.all()}
    dossiers = []
    for title, subject, value, cpv, strategies in story["dossiers"]:
        if title not in existing:
            existing[title] = dossier_services.dossier_create(
                user=officer,
                circular_strategies=CircularStrategy.objects.filter(code__in=strategies),
                title=title,
                department=department,
                subject_type=subject,
                estimated_value=Decimal(value),
                cpv_code=cpv,
                planned_publication_date=today + datetime.timedelta(days=60),
                required_award_date=today + datetime.timedelta(days=150),
                willingness=Dossier.Willingness.YES,
            )
        dossiers.append(existing[title])
    return dossiers


def _evaluated_pilot(story: dict, municipality: Municipality, officer, dossier: Dossier):
    """The neighbour's programme on its first dossier, approved through the chain, executed
    and evaluated; the pilot when it is evaluated."""
    title = f"Proeftraject {dossier.title.lower()}"
    programme = Programme.objects.filter(title=title).first()
    today = timezone.localdate()
    start = today - datetime.timedelta(days=story["lead_days"] + 120)
    chain = {
        suffix: _account(f"{story['slug']}-{suffix}", name, municipality, role)
        for suffix, name, role in CHAIN_ACCOUNTS
    }
    if programme is None:
        programme = approval_services.programme_create(
            user=officer,
            title=title,
            purpose=f"Leren circulair aankopen met {dossier.title.lower()}.",
            budget=Decimal("10000.00"),
            start_date=start,
            dossiers=[dossier],
        )
        pilot = programme.pilots.get()
        category, indicator, unit, baseline, target, _value = story["point"]
        evaluation_services.point_create(
            pilot_id=pilot.pk,
            user=officer,
            category=category,
            indicator=indicator,
            unit=unit,
            baseline=Decimal(baseline),
            target=Decimal(target),
            direction="higher",
            weight=3,
            method="Maandelijkse rapportering van de leverancier.",
        )
        approval_services.programme_submit(programme_id=programme.pk, user=officer)
        # Submitted and advised before the MAT meeting at the start, as the dates require.
        Revision.objects.filter(programme=programme).update(
            submitted_at=timezone.now() - (today - start) - datetime.timedelta(days=30)
        )
        approval_services.decision_record(
            programme_id=programme.pk,
            user=chain["directeur"],
            outcome=Outcome.APPROVED,
            co_validator=chain["hoofd"],
            decided_on=start - datetime.timedelta(days=20),
        )
        approval_services.decision_record(
            programme_id=programme.pk,
            user=chain["cel"],
            communication_advice="Kort en zichtbaar.",
            decided_on=start - datetime.timedelta(days=10),
        )
        approval_services.decision_record(
            programme_id=programme.pk,
            user=chain["mat"],
            outcome=Outcome.APPROVED,
            meeting_date=start,
        )
    pilot = programme.pilots.get()
    if PilotEvaluation.objects.filter(pilot=pilot).exists():
        return pilot
    phases = list(pilot.phases.select_related("phase_type"))
    lead, award_index = (
        story["lead_days"],
        next(i for i, phase in enumerate(phases) if phase.phase_type.code == "award"),
    )
    per_phase = lead // (award_index + 1)
    actual, day = {}, start
    for index, phase in enumerate(phases):
        if index > award_index:
            break
        end = (
            start + datetime.timedelta(days=lead)
            if index == award_index
            else day + datetime.timedelta(days=per_phase - 1)
        )
        actual[phase.pk] = (day, end, "")
        day = end + datetime.timedelta(days=1)
    execution_services.phases_record(pilot_id=pilot.pk, user=officer, phases=actual)
    point = pilot.evaluation_points.get()
    evaluation_services.measurement_add(
        point_id=point.pk,
        user=officer,
        measured_on=today,
        value=Decimal(story["point"][5]),
        source="Rapportering leverancier",
    )
    evaluation_services.pilot_evaluation_save(
        pilot_id=pilot.pk, user=officer, **story["evaluation"]
    )
    return pilot


def _publish(pilot, user) -> bool:
    if selectors.live_case_of(pilot=pilot) is not None:
        return False
    has_report = selectors.evaluation_report_of(pilot) is not None
    services.case_publish(
        pilot_id=pilot.pk,
        user=user,
        share_lessons=True,
        share_factors=True,
        share_report=has_report,
    )
    return True


def seed(*, stdout):
    published = 0
    city = first_municipality()
    # Re-entered: the city got its region from core.demo after the seeding scope was opened.
    with municipality_scope(city):
        pilot = (
            PilotEvaluation.objects.filter(
                pilot__programme__title=pilots_demo.APPROVED_TITLE,
                pilot__dossier__title=pilots_demo.CLOTHING,
            )
            .select_related("pilot")
            .first()
        )
        if pilot is not None:
            author = get_user_model().objects.get(username="inkoper")
            published += _publish(pilot.pilot, author)
    for neighbour in neighbours():
        story = NEIGHBOUR_STORY[neighbour.nis_code]
        # Its mails after the commit run in its scope too (core.scoping.on_commit).
        with municipality_scope(neighbour):
            officer = _officer(neighbour, story["slug"])
            dossiers = _dossiers(story, officer)
            pilot = _evaluated_pilot(story, neighbour, officer, dossiers[0])
            published += _publish(pilot, officer)
    stdout.write(f"  region: {published} pilot cases published")
