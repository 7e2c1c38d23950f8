import datetime
import itertools

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.roles import Role
from pilots.approval import selectors, services
from pilots.common.errors import PilotError
from pilots.models import (
    ApprovalStage,
    Decision,
    Outcome,
    Phase,
    PhaseType,
    Programme,
    Revision,
)
from procurement.models import CircularStrategy
from tests.factories import DossierFactory, UserFactory
from tests.pilots.factories import edit_programme, make_programme, programme_fields
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def test_it_creates_a_draft_with_one_pilot_per_dossier_and_planned_phases(users):
    dossier = DossierFactory(description="Bureaus en stoelen.")
    dossier.circular_strategies.set(CircularStrategy.objects.filter(code__in=["R3", "R5"]))
    programme = make_programme(user=users["officer"], dossiers=[dossier])
    assert programme.status == Programme.Status.DRAFT
    pilot = programme.pilots.get()
    assert pilot.scope == "Bureaus en stoelen."
    assert sorted(s.code for s in pilot.circular_strategies.all()) == ["R3", "R5"]
    phases = list(pilot.phases.order_by("phase_type__position"))
    assert len(phases) == PhaseType.objects.count() == 6
    assert phases[0].planned_start == programme.start_date
    for earlier, later in itertools.pairwise(phases):
        assert later.planned_start == earlier.planned_end + datetime.timedelta(days=1)


@pytest.mark.parametrize("persona", ["staff", "director", "cell", "mat", "outsider"])
def test_it_refuses_programme_writing_to_anyone_but_procurement(users, persona):
    with pytest.raises(PermissionDenied):
        make_programme(user=users[persona])


def test_it_refuses_a_negative_budget_with_a_message(users):
    with pytest.raises(PilotError) as error:
        services.programme_create(user=users["officer"], dossiers=[], **programme_fields(budget=-1))
    assert error.value.field == "budget"
    assert not Programme.objects.exists()


def test_it_submits_a_draft_and_freezes_the_chain(submitted, users):
    revision = submitted.revisions.get()
    assert submitted.status == Programme.Status.IN_APPROVAL
    assert [s.role for s in revision.stages.all()] == [
        Role.FINANCIAL_DIRECTOR,
        Role.STRATEGIC_CELL,
        Role.MAT_MEMBER,
    ]
    assert submitted.pending_stage.position == 1
    assert revision.fingerprint == selectors.programme_fingerprint_fresh(programme_id=submitted.pk)
    assert revision.content["title"] == submitted.title


def test_a_later_chain_edit_does_not_alter_a_submitted_revision(submitted):
    ApprovalStage.objects.filter(position=1).update(name="Iemand anders", role=Role.MAT_MEMBER)
    stage = submitted.revisions.get().stages.get(position=1)
    assert stage.name == "Financieel directeur"
    assert stage.role == Role.FINANCIAL_DIRECTOR


def test_it_refuses_to_submit_without_pilots(users):
    programme = make_programme(user=users["officer"], dossiers=[])
    with pytest.raises(PilotError, match="pilot"):
        services.programme_submit(programme_id=programme.pk, user=users["officer"])
    assert not Revision.objects.exists()


def test_it_refuses_to_submit_twice(submitted, users):
    with pytest.raises(PilotError):
        services.programme_submit(programme_id=submitted.pk, user=users["head"])
    assert submitted.revisions.count() == 1


def test_it_refuses_submission_by_a_director(programme, users):
    with pytest.raises(PermissionDenied):
        services.programme_submit(programme_id=programme.pk, user=users["director"])


def test_it_locks_the_programme_for_edits_while_in_approval(submitted, users):
    with pytest.raises(PilotError, match="kan niet worden gewijzigd"):
        edit_programme(submitted, user=users["officer"], title="Anders")
    pilot = submitted.pilots.first()
    with pytest.raises(PilotError, match="kan niet worden gewijzigd"):
        services.pilot_update(
            pilot_id=pilot.pk,
            user=users["officer"],
            scope="Anders",
            objectives="",
            circular_strategies=[],
            phases={},
        )
    submitted.refresh_from_db()
    pilot.refresh_from_db()
    assert submitted.title != "Anders"
    assert pilot.scope != "Anders"


def test_it_walks_the_chain_from_submission_to_mat_approval(submitted, users, decide):
    first = decide("director", submitted)
    submitted.refresh_from_db()
    assert submitted.pending_stage.role == Role.STRATEGIC_CELL
    advice = decide("cell", submitted)
    assert advice.outcome == Outcome.ADVISED
    submitted.refresh_from_db()
    assert submitted.pending_stage.role == Role.MAT_MEMBER
    last = decide("mat", submitted)
    submitted.refresh_from_db()
    assert submitted.status == Programme.Status.APPROVED
    assert submitted.pending_stage is None
    assert submitted.revisions.get().status == Revision.Status.APPROVED
    assert first.co_validator == users["head"]
    assert last.recorded_by == users["mat"]
    assert last.meeting_date == TODAY()
    assert last.conditions == "Evaluatie terugkoppelen."
    fingerprint = selectors.programme_fingerprint_fresh(programme_id=submitted.pk)
    assert {d.fingerprint for d in Decision.objects.all()} == {fingerprint}


@pytest.mark.parametrize("persona", ["staff", "officer", "head", "cell", "mat", "outsider"])
def test_it_refuses_a_decision_from_the_wrong_role(submitted, users, persona):
    with pytest.raises(PilotError, match=r"niet aan jou|Je hebt dit programma ingediend"):
        services.decision_record(
            programme_id=submitted.pk,
            user=users[persona],
            outcome=Outcome.APPROVED,
            co_validator=users["head"],
        )
    assert not Decision.objects.exists()


def test_it_refuses_a_decision_on_a_draft(programme, users):
    with pytest.raises(PilotError, match="wacht niet op"):
        services.decision_record(
            programme_id=programme.pk, user=users["director"], outcome=Outcome.APPROVED
        )


def test_nobody_decides_on_a_programme_they_submitted(users):
    both = UserFactory(roles=[Role.PROCUREMENT_OFFICER, Role.FINANCIAL_DIRECTOR])
    programme = make_programme(user=both)
    services.programme_submit(programme_id=programme.pk, user=both)
    with pytest.raises(PilotError, match="Je hebt dit programma ingediend"):
        services.decision_record(
            programme_id=programme.pk,
            user=both,
            outcome=Outcome.APPROVED,
            co_validator=users["head"],
        )
    assert not Decision.objects.exists()


def test_it_refuses_a_second_decision_on_the_same_stage(submitted, users, decide):
    decide("director", submitted)
    other_director = UserFactory(roles=[Role.FINANCIAL_DIRECTOR])
    with pytest.raises(PilotError, match="niet aan jou"):
        services.decision_record(
            programme_id=submitted.pk,
            user=other_director,
            outcome=Outcome.REJECTED,
            motivation="Toch niet.",
            co_validator=users["head"],
        )
    assert Decision.objects.count() == 1


def test_the_database_refuses_a_second_decision_on_the_same_stage(submitted, users, decide):
    first = decide("director", submitted)
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.create(
            programme=submitted,
            revision=first.revision,
            stage=first.stage,
            outcome=Outcome.REJECTED,
            recorded_by=users["director"],
            fingerprint=first.fingerprint,
        )


@pytest.mark.parametrize("outcome", [Outcome.CHANGES_REQUESTED, Outcome.REJECTED])
def test_it_requires_a_motivation_unless_approving(submitted, users, decide, outcome):
    with pytest.raises(PilotError) as error:
        decide("director", submitted, outcome=outcome, motivation="  ")
    assert error.value.field == "motivation"
    assert not Decision.objects.exists()


def test_it_refuses_an_unknown_outcome(submitted, decide):
    with pytest.raises(PilotError) as error:
        decide("director", submitted, outcome=Outcome.ADVISED)
    assert error.value.field == "outcome"


def test_it_requires_the_head_of_procurement_as_co_validator(submitted, users, decide):
    with pytest.raises(PilotError) as error:
        decide("director", submitted, co_validator=None)
    assert error.value.field == "co_validator"
    with pytest.raises(PilotError, match="moet"):
        decide("director", submitted, co_validator=users["cell"])
    assert not Decision.objects.exists()


def test_it_requires_advice_at_the_advice_stage(submitted, decide):
    decide("director", submitted)
    with pytest.raises(PilotError) as error:
        decide("cell", submitted, communication_advice="", scale_up_advice=" ")
    assert error.value.field == "communication_advice"


def test_it_requires_a_meeting_date_at_the_mat_and_not_in_the_future(submitted, decide):
    decide("director", submitted)
    decide("cell", submitted)
    with pytest.raises(PilotError, match="datum van de vergadering"):
        decide("mat", submitted, meeting_date=None)
    with pytest.raises(PilotError, match="toekomst"):
        decide("mat", submitted, meeting_date=TODAY() + datetime.timedelta(days=1))
    assert Decision.objects.count() == 2


def test_changes_requested_starts_a_new_revision_and_keeps_the_history(submitted, users, decide):
    decide("director", submitted, outcome=Outcome.CHANGES_REQUESTED, motivation="Budget te krap.")
    submitted.refresh_from_db()
    assert submitted.status == Programme.Status.DRAFT
    assert submitted.revision_number == 2
    assert submitted.revisions.get(number=1).status == Revision.Status.CHANGES_REQUESTED
    edit_programme(submitted, user=users["officer"], budget=30000)
    revision = services.programme_submit(programme_id=submitted.pk, user=users["officer"])
    submitted.refresh_from_db()
    assert revision.number == 2
    assert submitted.pending_stage.revision == revision
    assert submitted.pending_stage.position == 1
    assert Decision.objects.get().revision.number == 1
    decide("director", submitted)
    assert Decision.objects.filter(revision=revision).count() == 1


def test_rejection_is_final_for_the_revision(submitted, users, decide):
    decide("director", submitted, outcome=Outcome.REJECTED, motivation="Geen budget.")
    submitted.refresh_from_db()
    assert submitted.status == Programme.Status.REJECTED
    assert submitted.revisions.get().status == Revision.Status.REJECTED
    with pytest.raises(PilotError):
        services.programme_submit(programme_id=submitted.pk, user=users["officer"])
    with pytest.raises(PilotError):
        decide("cell", submitted)
    with pytest.raises(PilotError):
        edit_programme(submitted, user=users["officer"], dossiers=[])


def test_decisions_are_append_only(submitted, decide):
    decision = decide("director", submitted)
    decision.motivation = "Achteraf anders"
    with pytest.raises(TypeError):
        decision.save()
    with pytest.raises(TypeError):
        decision.delete()
    with pytest.raises(TypeError):
        Decision.objects.update(motivation="Anders")
    with pytest.raises(TypeError):
        Decision.objects.all().delete()
    assert Decision.objects.get().motivation == ""


def _fingerprint(programme):
    return selectors.programme_fingerprint_fresh(programme_id=programme.pk)


def test_the_fingerprint_changes_when_the_content_changes(programme):
    original = _fingerprint(programme)
    assert original == _fingerprint(programme)
    pilot = programme.pilots.first()
    Programme.objects.filter(pk=programme.pk).update(budget=1)
    assert _fingerprint(programme) != original
    Programme.objects.filter(pk=programme.pk).update(budget=programme.budget)
    assert _fingerprint(programme) == original
    pilot.circular_strategies.add(CircularStrategy.objects.get(code="R0"))
    with_strategy = _fingerprint(programme)
    assert with_strategy != original
    phase = pilot.phases.first()
    Phase.objects.filter(pk=phase.pk).update(
        planned_end=phase.planned_end + datetime.timedelta(days=1)
    )
    assert _fingerprint(programme) != with_strategy


def test_recording_progress_does_not_change_the_fingerprint(programme):
    original = _fingerprint(programme)
    Phase.objects.filter(pilot__programme=programme).update(actual_start=TODAY(), note="Gestart.")
    assert _fingerprint(programme) == original


def test_a_substitute_decides_and_both_names_are_recorded(submitted, users):
    services.substitution_create(
        user=users["director"],
        substitute=users["mat"],
        role=Role.FINANCIAL_DIRECTOR,
        starts_on=TODAY(),
        ends_on=TODAY() + datetime.timedelta(days=7),
    )
    assert selectors.awaiting_count(user=users["mat"]) == 1
    decision = services.decision_record(
        programme_id=submitted.pk,
        user=users["mat"],
        outcome=Outcome.APPROVED,
        co_validator=users["head"],
    )
    assert decision.recorded_by == users["mat"]
    assert decision.on_behalf_of == users["director"]


def test_a_substitution_outside_its_period_gives_no_right(submitted, users):
    services.substitution_create(
        user=users["director"],
        substitute=users["mat"],
        role=Role.FINANCIAL_DIRECTOR,
        starts_on=TODAY() + datetime.timedelta(days=3),
        ends_on=TODAY() + datetime.timedelta(days=7),
    )
    with pytest.raises(PilotError, match="niet aan jou"):
        services.decision_record(
            programme_id=submitted.pk,
            user=users["mat"],
            outcome=Outcome.APPROVED,
            co_validator=users["head"],
        )


@pytest.mark.parametrize(
    ("principal", "substitute", "role", "field"),
    [
        ("director", "officer", Role.FINANCIAL_DIRECTOR, "substitute"),
        ("director", "cell", Role.FINANCIAL_DIRECTOR, "substitute"),
        ("director", "director", Role.FINANCIAL_DIRECTOR, "substitute"),
        ("director", "mat", Role.MAT_MEMBER, "role"),
        ("officer", "head", Role.PROCUREMENT_OFFICER, "role"),
    ],
)
def test_it_refuses_a_substitute_below_the_role_or_a_role_not_held(
    users, principal, substitute, role, field
):
    with pytest.raises(PilotError) as error:
        services.substitution_create(
            user=users[principal],
            substitute=users[substitute],
            role=role,
            starts_on=TODAY(),
            ends_on=TODAY(),
        )
    assert error.value.field == field


def test_it_refuses_a_substitution_period_that_ends_before_it_starts(users):
    with pytest.raises(PilotError) as error:
        services.substitution_create(
            user=users["director"],
            substitute=users["mat"],
            role=Role.FINANCIAL_DIRECTOR,
            starts_on=TODAY(),
            ends_on=TODAY() - datetime.timedelta(days=1),
        )
    assert error.value.field == "ends_on"


def test_the_next_deciders_are_mailed_after_commit(
    programme, users, decide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.programme_submit(programme_id=programme.pk, user=users["officer"])
    assert [m.to for m in mail.outbox] == [[users["director"].email]]
    mail.outbox.clear()
    programme.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        decide("director", programme)
    assert [m.to for m in mail.outbox] == [[users["cell"].email]]


def test_the_mat_awaits_its_decision_and_is_mailed_once_its_briefing_is_frozen(
    submitted, users, decide, django_capture_on_commit_callbacks
):
    decide("director", submitted)
    with django_capture_on_commit_callbacks(execute=True):
        decide("cell", submitted)
    # The stage is open, but the MAT cannot decide before a worker has frozen its briefing.
    assert mail.outbox == []
    assert selectors.awaiting_count(user=users["mat"]) == 0
    submitted.refresh_from_db()
    refusal, _roles = selectors.decision_refusal(programme=submitted, user=users["mat"])
    assert refusal is not None
    assert "wordt nog opgemaakt" in refusal
    with django_capture_on_commit_callbacks(execute=True):
        run_tasks()
    assert [m.to for m in mail.outbox] == [[users["mat"].email]]
    assert selectors.awaiting_count(user=users["mat"]) == 1
    assert selectors.decision_refusal(programme=submitted, user=users["mat"])[0] is None


def test_a_chain_that_starts_at_the_mat_freezes_its_briefing_off_the_submit(
    programme, users, decide
):
    from pilots.models import OfficialDocument

    ApprovalStage.objects.exclude(role=Role.MAT_MEMBER).delete()
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    programme.refresh_from_db()
    assert programme.pending_stage.is_mat
    assert not OfficialDocument.objects.exists()  # not in the submit: a worker freezes it
    with pytest.raises(PilotError, match="wordt nog opgemaakt"):
        services.decision_record(
            programme_id=programme.pk,
            user=users["mat"],
            outcome=Outcome.APPROVED,
            meeting_date=timezone.localdate(),
        )
    decision = decide("mat", programme)  # after the queued tasks
    assert decision.briefing_sha256 == OfficialDocument.objects.get().sha256


def test_nothing_is_mailed_before_commit(programme, users, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.programme_submit(programme_id=programme.pk, user=users["officer"])
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_the_submitter_hears_the_outcome(
    submitted, users, decide, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decide("director", submitted, outcome=Outcome.REJECTED, motivation="Geen budget.")
    assert [m.to for m in mail.outbox] == [[users["officer"].email]]
    assert "Geen budget." in mail.outbox[0].body


def test_awaiting_counts_only_what_the_user_may_decide(submitted, users, decide):
    assert selectors.awaiting_count(user=users["director"]) == 1
    for persona in ["officer", "head", "cell", "mat", "staff", "outsider"]:
        assert selectors.awaiting_count(user=users[persona]) == 0
    decide("director", submitted)
    assert selectors.awaiting_count(user=users["director"]) == 0
    assert selectors.awaiting_count(user=users["cell"]) == 1


def test_a_mail_failure_after_commit_does_not_undo_or_break_the_decision(
    submitted, decide, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("core.mail.EmailMultiAlternatives.send", broken)
    with django_capture_on_commit_callbacks(execute=True):
        decide("director", submitted)
    assert Decision.objects.count() == 1
