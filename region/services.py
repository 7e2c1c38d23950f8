"""Every write of the region that carries a rule: publishing a pilot case, withdrawing it,
and starting a programme of one's own from a case.

One live case per pilot: publishing a pilot that already has a live case is refused with a
message saying so; after a withdrawal the pilot can be published anew, as a new case (the
withdrawn one stays, out of the library, as the record of what was shared when).
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core import scoping
from pilots.approval import services as approval_services
from pilots.approval.models import Pilot, Programme
from pilots.common.errors import PilotError
from pilots.documents.selectors import StoredFileUnavailable, official_document_pdf
from pilots.evaluation import services as evaluation_services
from pilots.evaluation.models import PilotEvaluation
from procurement.models import CircularStrategy, Dossier
from procurement.selection import services as selection_services
from procurement.selection.models import Criterion, SelectionRound

from . import permissions, rules, selectors
from .models import PilotCase


class RegionError(Exception):
    """A rule of the region refused the action; the message is shown to the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise RegionError(message)


@transaction.atomic
def case_publish(
    *,
    pilot_id: int,
    user,
    share_lessons: bool = False,
    share_factors: bool = False,
    share_report: bool = False,
) -> PilotCase:
    """Shares the active municipality's evaluated pilot with its region, as the snapshot the
    preview showed, with the optional parts the publisher ticked."""
    _refuse_unless(
        permissions.can_publish(user), _("Only procurement shares pilot cases with the region.")
    )
    pilot = Pilot.objects.select_related("programme__municipality").get(pk=pilot_id)
    # The programme's row lock serialises two publications of the same pilot.
    Programme.objects.select_for_update().get(pk=pilot.programme_id)
    _refuse_unless(
        pilot.programme.municipality.region_id is not None,
        _("Your municipality belongs to no region: there is no library to share with."),
    )
    _refuse_unless(
        PilotEvaluation.objects.filter(pilot_id=pilot.pk).exists(),
        _("Only an evaluated pilot can be shared: record its evaluation first."),
    )
    existing = selectors.live_case_of(pilot=pilot)
    if existing is not None:
        raise RegionError(
            _(
                "This pilot is already shared with the region (since %(date)s). Withdraw that "
                "case first to share it anew."
            )
            % {"date": date_format(timezone.localtime(existing.published_at), "SHORT_DATE_FORMAT")}
        )
    snapshot = selectors.case_snapshot(
        pilot_id=pilot.pk,
        share_lessons=share_lessons,
        share_factors=share_factors,
        share_report=share_report,
    )
    if share_report and snapshot.report is None:
        raise RegionError(_("This programme has no official evaluation report to share."))
    case = snapshot.case
    case.published_by = user
    if snapshot.report is not None:
        try:
            content = official_document_pdf(snapshot.report)
        except StoredFileUnavailable:
            raise RegionError(
                _(
                    "The stored file of the official evaluation report is missing or altered; "
                    "an administrator has to restore it from the backup before it can be shared."
                )
            ) from None
        case.report.save(f"evaluation-report-{pilot.pk}.pdf", ContentFile(content), save=False)
        case.report_sha256 = snapshot.report.sha256
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:
        raise RegionError(_("This pilot is already shared with the region.")) from None
    return case


@transaction.atomic
def case_withdraw(*, case_id: int, user) -> PilotCase:
    """Takes the case out of the library for everyone; its copied report is deleted."""
    case = PilotCase.objects.select_for_update().get(pk=case_id)
    _refuse_unless(
        permissions.can_withdraw(user, case),
        _("Only procurement of the municipality that shared a case withdraws it."),
    )
    _refuse_unless(case.is_live, _("This case was already withdrawn."))
    case.withdrawn_at, case.withdrawn_by = timezone.now(), user
    case.save(update_fields=["withdrawn_at", "withdrawn_by"])
    if case.report:
        report = case.report
        scoping.on_commit(lambda: report.storage.delete(report.name))
    return case


def _criteria_rows(case: PilotCase, selection_round: SelectionRound) -> list[dict]:
    """The round's criteria replaced by the case's (the kinds this instance knows)."""
    rows: list[dict] = [
        {"id": pk, "delete": True}
        for pk in Criterion.objects.filter(round=selection_round).values_list("pk", flat=True)
    ]
    for position, criterion in enumerate(case.criteria, 1):
        if criterion.get("kind") not in Criterion.Source.values:
            continue
        rows.append(
            {
                "id": None,
                "name": criterion.get("name", ""),
                "description": criterion.get("description", ""),
                "source": criterion["kind"],
                "weight": criterion.get("weight"),
                "position": position,
            }
        )
    return rows


@transaction.atomic
def case_copy(
    *,
    case_id: int,
    user,
    title: str,
    dossier: Dossier,
    selection_round: SelectionRound | None = None,
    start_date: datetime.date | None = None,
) -> Programme:
    """A draft programme of the active municipality with one pilot on `dossier` (one of its
    own), starting from the case: its evaluation points, its circular strategies and its
    phase plan; the case's selection criteria replace those of `selection_round`, an open
    round of its own, when one is given. Nothing of the case's municipality is read: only
    the case."""
    _refuse_unless(permissions.can_copy(user), _("Only procurement starts programmes."))
    case = selectors.live_cases().get(pk=case_id)
    start = start_date or timezone.localdate()
    try:
        programme = approval_services.programme_create(
            user=user,
            title=title.strip() or case.title,
            purpose=_("Starting from the region's case “%(case)s” of %(municipality)s.")
            % {"case": case.title, "municipality": case.municipality.name},
            start_date=start,
            dossiers=[dossier],
        )
        pilot = programme.pilots.get()
        planned = rules.planned_dates(case.phase_plan, start=start)
        phases = {
            phase.pk: planned[phase.phase_type.code]
            for phase in pilot.phases.select_related("phase_type")
            if phase.phase_type.code in planned
        }
        approval_services.pilot_update(
            pilot_id=pilot.pk,
            user=user,
            scope=pilot.scope or case.description,
            objectives=case.objectives,
            circular_strategies=CircularStrategy.objects.filter(code__in=case.strategies),
            phases=phases,
        )
        for point in case.points:
            evaluation_services.point_create(
                pilot_id=pilot.pk,
                user=user,
                category=point["category"],
                indicator=point["indicator"],
                unit=point["unit"],
                baseline=Decimal(point["baseline"]),
                target=Decimal(point["target"]),
                direction=point["direction"],
                weight=int(point["weight"]),
                method=point.get("method") or "",
            )
        if selection_round is not None and case.criteria:
            selection_services.criteria_save(
                user=user,
                round_id=selection_round.pk,
                rows=_criteria_rows(case, selection_round),
            )
    except PilotError as error:
        raise RegionError(error.message) from error
    except selection_services.SelectionError as error:
        raise RegionError(str(error)) from error
    return programme
