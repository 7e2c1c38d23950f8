"""Municipality B's world, built through the services as B's own users would build it.

Every text of B that a page could show carries a marker "B-GEHEIM-<n>", so that a page of
municipality A that shows any of B's data can be caught by looking for "B-GEHEIM" in it.
"""

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from attachments import services as attachment_services
from core.models import Region
from core.roles import Role
from core.scoping import municipality_scope
from dashboard import services as dashboard_services
from notifications.models import DigestSent, Kind, Notification
from notifications.services import notify
from pilots.advice import services as advice_services
from pilots.documents import services as document_services
from pilots.evaluation import services as evaluation_services
from pilots.execution import services as execution_services
from pilots.models import (
    ApprovalChain,
    DocumentKind,
    EvaluationPoint,
    LegalBasis,
    Measurement,
    OfficialDocument,
    Phase,
    Programme,
    Substitution,
)
from pilots.policy import services as policy_services
from procurement.dossiers import services as dossier_services
from procurement.models import Criterion, HandScore, ReminderSent
from procurement.selection import services as selection_services
from region import services as region_services
from stakeholders import services as stakeholder_services
from stakeholders.gdpr import person_erase
from stakeholders.models import ActionItemReminder, ErasureRecord, SupportAssessment
from tests.factories import DepartmentFactory, MunicipalityFactory, PersonFactory, UserFactory
from tests.pilots.evaluation_helpers import add_point, approve
from tests.pilots.factories import make_programme
from tests.tasks import run_tasks

MARK = "B-GEHEIM"

B_ROLES = {
    "officer": [Role.PROCUREMENT_OFFICER],
    "head": [Role.HEAD_OF_PROCUREMENT],
    "director": [Role.FINANCIAL_DIRECTOR],
    "cell": [Role.STRATEGIC_CELL],
    "mat": [Role.MAT_MEMBER],
    "staff": [Role.DEPARTMENT_STAFF],
    "admin": [Role.ADMINISTRATOR],
}


@dataclass
class World:
    """A municipality and its objects, by name (`objects["dossier"]`), and every marker handed
    out ("<prefix>-<n>")."""

    municipality: object
    prefix: str = MARK
    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)
    markers: list = field(default_factory=list)
    a_users: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)  # model → the primary keys of its owned rows
    own: "World | None" = None  # next to B's world: A's
    _counter: itertools.count = field(default_factory=lambda: itertools.count(1))

    def mark(self, text: str = "") -> str:
        marker = f"{self.prefix}-{next(self._counter)}"
        self.markers.append(marker)
        return f"{marker} {text}".strip()

    def __getitem__(self, name):
        return self.objects[name]


def build_other_municipality() -> World:
    """Municipality B, a municipality of its own next to the first one, with its world. B's
    region is not A's: a third member, C, takes part in B's joint dossier."""
    region = Region.objects.create(name="Regio Geheim")
    municipality = MunicipalityFactory(
        name="Gemeente Geheimdorp", reference_prefix="GEH", region=region
    )
    MunicipalityFactory(name="Gemeente Derdeburg", reference_prefix="DER", region=region)
    return build_world(municipality, prefix=MARK)


def build_world(municipality, *, prefix: str) -> World:
    """`municipality` with a department, people, an organisation, dossiers, selection rounds,
    programmes (a draft, a submitted one, one approved and evaluated), official documents, a
    policy recommendation and stakeholder work, each text marked with `prefix`. Call it
    outside any scope or inside any: it works in the municipality's own."""
    with municipality_scope(municipality):
        world = World(municipality=municipality, prefix=prefix)
        _people(world)
        _dossiers(world)
        _selection(world)
        _programmes(world)
        _evaluation(world)
        _stakeholders(world)
        _traces(world)
        _calendar(world)
        _joint_and_advice(world)
        _attachments(world)
        world.rows = {
            model: set(model._default_manager.values_list("pk", flat=True))
            for model in apps.get_models()
            if type(model._default_manager).__module__ == "core.scoping"
        }
    return world


def _people(world: World) -> None:
    department = DepartmentFactory(name=world.mark("Dienst"), code=world.prefix.lower()[:20])
    world.objects["department"] = department
    for name, roles in B_ROLES.items():
        user = UserFactory(
            username=f"{world.prefix}-{name}",
            first_name=world.mark("Voornaam"),
            last_name=world.mark("Familienaam"),
            roles=roles,
            roles__municipality=world.municipality,
        )
        PersonFactory(user=user, full_name=world.mark(f"Persoon {name}"), department=department)
        world.users[name] = user
    world.objects["person"] = stakeholder_services.person_save(
        user=world.users["officer"],
        full_name=world.mark("Extern contact"),
        job_title=world.mark("Functie"),
        email=f"{world.prefix.lower()}@example.org",
        notes=world.mark("Notitie"),
    )
    # Before the programmes: B's official briefing lists B's legal basis.
    world.objects["legal_basis"] = LegalBasis.objects.create(
        title=world.mark("Delegatie"),
        citation=world.mark("Artikel"),
        kind=LegalBasis.Kind.DELEGATION,
    )
    world.objects["organisation"] = stakeholder_services.organisation_save(
        user=world.users["officer"],
        name=world.mark("Leverancier"),
        kind="market_party",
        description=world.mark("Omschrijving"),
    )


def _dossier(world: World, **fields):
    today = timezone.localdate()
    values = {
        "title": world.mark("Opdracht"),
        "description": world.mark("Beschrijving"),
        "department": world.objects["department"],
        "subject_type": "supplies",
        "estimated_value": Decimal("50000.00"),
        "planned_publication_date": today + datetime.timedelta(days=30),
        "required_award_date": today + datetime.timedelta(days=90),
        **fields,
    }
    dossier = dossier_services.dossier_create(user=world.users["officer"], **values)
    # A second history row, so that the history shows a change too.
    return dossier_services.dossier_update(
        dossier_id=dossier.pk,
        user=world.users["officer"],
        circular_strategies=[],
        **{**values, "notes": world.mark("Notitie")},
    )


def _dossiers(world: World) -> None:
    world.objects["dossier"] = _dossier(world)
    world.objects["dossiers"] = [_dossier(world) for _ in range(4)]


def _selection(world: World) -> None:
    officer = world.users["officer"]
    department = world.objects["department"]
    selection_round = selection_services.round_open(
        user=officer,
        title=world.mark("Inventarisronde"),
        question=world.mark("Vraag"),
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        departments=[department],
    )
    criterion = Criterion.objects.create(
        round=selection_round,
        name=world.mark("Criterium"),
        description=world.mark("Uitleg"),
        source=Criterion.Source.HAND,
        weight=Decimal("10"),
        position=99,
    )
    candidate = selection_services.candidate_add(
        user=officer,
        round_id=selection_round.pk,
        department_id=department.pk,
        dossier=world.objects["dossier"],
        motivation=world.mark("Motivatie"),
    )
    HandScore.objects.create(
        candidate=candidate, criterion=criterion, score=4, comment=world.mark("Score")
    )
    world.objects.update(round=selection_round, criterion=criterion, candidate=candidate)
    closed = selection_services.round_open(
        user=officer,
        title=world.mark("Afgesloten ronde"),
        question=world.mark("Vraag"),
        deadline=timezone.localdate() + datetime.timedelta(days=14),
        departments=[department],
    )
    selected = selection_services.candidate_add(
        user=officer, round_id=closed.pk, department_id=department.pk, dossier=world["dossier"]
    )
    selection_services.candidate_outcome_set(
        user=officer, candidate_id=selected.pk, outcome="selected", rationale=world.mark("Keuze")
    )
    world.objects["closed_round"] = selection_services.round_decide(
        user=officer,
        round_id=closed.pk,
        rationale=world.mark("Besluit"),
        decide_without_answers=True,
    )


def _programmes(world: World) -> None:
    users = world.users
    first, second, third, fourth = world.objects["dossiers"]
    submitted = make_programme(
        user=users["officer"], dossiers=[first], title=world.mark("Ingediend programma")
    )
    from pilots.approval import services as approval_services

    approval_services.programme_submit(programme_id=submitted.pk, user=users["officer"])
    approved = make_programme(
        user=users["officer"],
        dossiers=[second, third],
        title=world.mark("Goedgekeurd programma"),
        purpose=world.mark("Doel"),
        risks=world.mark("Risico"),
    )
    pilot = approved.pilots.order_by("pk").first()
    point = add_point(pilot, users["officer"], indicator=world.mark("Indicator"))
    approve(approved, users)
    draft = make_programme(
        user=users["officer"], dossiers=[fourth], title=world.mark("Ontwerp programma")
    )
    world.objects.update(
        submitted=Programme.objects.get(pk=submitted.pk),
        programme=approved,
        draft=draft,
        pilot=pilot,
        point=point,
        submitted_pilot=submitted.pilots.get(),
        phase=Phase.objects.filter(pilot=pilot).first(),
        briefing=OfficialDocument.objects.get(programme=approved, kind=DocumentKind.BRIEFING),
    )
    assert world["submitted"].pending_stage is not None
    ApprovalChain.objects.create(municipality=world.municipality, name=world.mark("Keten"))
    world.objects["substitution"] = Substitution.objects.create(
        principal=users["director"],
        substitute=users["head"],
        role=Role.FINANCIAL_DIRECTOR,
        starts_on=timezone.localdate(),
        ends_on=timezone.localdate() + datetime.timedelta(days=7),
    )


def _evaluation(world: World) -> None:
    users, pilot = world.users, world["pilot"]
    today = timezone.localdate()
    Phase.objects.filter(pilot=pilot).update(note=world.mark("Fase"))
    world.objects["measurement"] = evaluation_services.measurement_add(
        point_id=world["point"].pk,
        user=users["officer"],
        measured_on=today,
        value=Decimal("12"),
        source=world.mark("Bron"),
        note=world.mark("Meting"),
    )
    world.objects["dialogue"] = execution_services.market_dialogue_save(
        pilot_id=pilot.pk,
        user=users["officer"],
        held_on=today,
        form="information_session",
        learned=world.mark("Geleerd"),
        organisations=[world["organisation"]],
    )
    evaluations = [
        evaluation_services.pilot_evaluation_save(
            pilot_id=each.pk,
            user=users["officer"],
            summary=world.mark("Samenvatting"),
            conclusion="scale_up",
            motivation=world.mark("Motivering"),
            lessons=world.mark("Les"),
            success_factors=world.mark("Succesfactor"),
            pitfalls=world.mark("Valkuil"),
        )
        for each in world["programme"].pilots.all()
    ]
    feed_back = {"summary": world.mark("Programma-evaluatie"), "fed_back_on": today}
    evaluation_services.programme_evaluation_save(
        programme_id=world["programme"].pk, user=users["officer"], **feed_back
    )
    run_tasks()  # a worker freezes the report fed back; the MAT decides on it afterwards
    evaluation_services.programme_evaluation_save(
        programme_id=world["programme"].pk,
        user=users["officer"],
        mat_decision=world.mark("MAT-besluit"),
        **feed_back,
    )
    world.objects["recommendation"] = policy_services.recommendation_create(
        user=users["cell"],
        programme=world["programme"],
        theme="circular",
        title=world.mark("Aanbeveling"),
        text=world.mark("Tekst"),
        evaluations=evaluations,
    )
    world.objects["evaluation_report"] = OfficialDocument.objects.get(
        programme=world["programme"], kind=DocumentKind.EVALUATION
    )
    # A draft laid out by a worker: its status and retry URLs.
    world.objects["rendering"] = document_services.draft_request(
        programme=world["programme"],
        kind=DocumentKind.BRIEFING,
        language="nl-be",
        user=users["officer"],
    )
    run_tasks()
    assert EvaluationPoint.objects.filter(pilot=pilot).exists()
    assert Measurement.objects.filter(point__pilot=pilot).exists()


def _stakeholders(world: World) -> None:
    officer, today = world.users["officer"], timezone.localdate()
    person, dossier, programme = world["person"], world["dossier"], world["programme"]
    involvement = stakeholder_services.involvement_create(
        user=officer,
        subject=dossier,
        person=person,
        role=world.mark("Rol"),
        influence=5,
        interest=4,
    )
    stakeholder_services.involvement_create(
        user=officer,
        subject=programme,
        organisation=world["organisation"],
        role=world.mark("Rol"),
        influence=2,
        interest=5,
    )
    stakeholder_services.support_assess(
        user=officer,
        involvement_id=involvement.pk,
        assessed_on=today,
        level=2,
        note=world.mark("Inschatting"),
    )
    concern = stakeholder_services.concern_save(
        user=officer,
        involvement=involvement,
        category="legal_risk",
        description=world.mark("Bezorgdheid"),
        mitigation=world.mark("Maatregel"),
        raised_on=today,
    )
    consultation = stakeholder_services.consultation_save(
        user=officer,
        subject=dossier,
        held_on=today,
        title=world.mark("Overleg"),
        minutes=world.mark("Verslag"),
        participants=[person],
        organisations=[world["organisation"]],
    )
    stakeholder_services.decision_add(
        user=officer, consultation_id=consultation.pk, text=world.mark("Besluit")
    )
    item = stakeholder_services.action_item_add(
        user=officer,
        consultation_id=consultation.pk,
        description=world.mark("Actie"),
        owner=person,
        due_on=today + datetime.timedelta(days=7),
    )
    assert SupportAssessment.objects.filter(involvement=involvement).exists()
    world.objects.update(
        involvement=involvement, concern=concern, consultation=consultation, action_item=item
    )


def _traces(world: World) -> None:
    """The rows the reminders and the erasure leave: a reminder of the round and of the
    action item, and an erased person."""
    invitation = world["round"].invitations.first()
    ReminderSent.objects.create(invitation=invitation, days_before=3)
    ActionItemReminder.objects.create(
        action_item=world["action_item"], sent_on=timezone.localdate()
    )
    world.objects["notification"] = Notification.objects.get(
        pk=_notified(world.users["officer"], world.mark("melding"))
    )
    DigestSent.objects.create(user=world.users["officer"], sent_on=timezone.localdate())
    erased = stakeholder_services.person_save(user=world.users["officer"], full_name="Weg")
    person_erase(user=world.users["admin"], person_id=erased.pk)
    assert ErasureRecord.objects.filter(person=erased).exists()


def _calendar(world: World) -> None:
    """The officer's calendar feed, made twice: the first link was replaced and answers 404,
    the second is live."""
    officer = world.users["officer"]
    world.objects["calendar_token_replaced"] = dashboard_services.calendar_feed_create(user=officer)
    world.objects["calendar_token"] = dashboard_services.calendar_feed_create(user=officer)


def _joint_and_advice(world: World) -> None:
    """A joint dossier bought for another member of the region (when there is one), and an
    external advisor invited to the approved programme, with a comment."""
    officer, region = world.users["officer"], world.municipality.region
    partner = region and region.members.exclude(pk=world.municipality.pk).first()
    if partner is not None:
        world.objects["participation"] = dossier_services.participation_add(
            user=officer,
            dossier_id=world["dossier"].pk,
            municipality=partner,
            share=Decimal("10000.00"),
        )
    invitation = advice_services.invitation_create(
        user=officer,
        programme_id=world["programme"].pk,
        email=f"adviseur-{world.prefix.lower()}@example.org",
        name=world.mark("Adviseur"),
        ends_on=timezone.localdate() + datetime.timedelta(days=30),
        note=world.mark("Uitnodiging"),
    )
    advice_services.comment_add(
        user=invitation.advisor, invitation_id=invitation.pk, text=world.mark("Advies")
    )
    advice_services.access_record(
        invitation=invitation, user=invitation.advisor, path=f"/advice/{invitation.pk}/"
    )
    world.objects["invitation"] = invitation
    world.users["advisor"] = invitation.advisor
    if region is not None:
        # The evaluated pilot, shared with the region's members (not A's region).
        world.objects["case"] = region_services.case_publish(
            pilot_id=world["pilot"].pk,
            user=officer,
            share_lessons=True,
            share_factors=True,
            share_report=True,
        )


def _notified(user, title: str) -> int:
    notify(user, kind=Kind.OUTCOME, title=title, link="/")
    return Notification.objects.filter(recipient=user).latest("pk").pk


ATTACHED_TO = {
    "dossier": "dossier",
    "programme": "programme",
    "pilot": "pilot",
    "market-dialogue": "dialogue",
    "consultation": "consultation",
}


def _attachments(world: World) -> None:
    """A text file attached to the dossier, the approved programme and its pilot (both in the
    annexes), the market dialogue and the consultation."""
    world.objects["attachments"] = [
        attachment_services.attachment_add(
            target=world[name],
            upload=SimpleUploadedFile(
                f"{world.mark('Bijlage')}.txt", world.mark("Inhoud").encode(), "text/plain"
            ),
            in_annexes=True,
            user=world.users["officer"],
        )
        for name in ATTACHED_TO.values()
    ]
