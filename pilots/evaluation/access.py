"""What a user may see and record of evaluation, by the policy of `pilots.common.access`: 404
for what they may not see, 403 for what they may not record."""

from pilots import permissions
from pilots.approval.access import pilot_for_viewer, programme_for_viewer
from pilots.approval.models import Pilot, Programme
from pilots.common.access import found_or_404, require

from . import selectors
from .models import EvaluationPoint, Measurement


def pilot_for_evaluator(user, pk: int) -> Pilot:
    """The pilot whose points, measurements and evaluation the user records."""
    pilot = pilot_for_viewer(user, pk)
    require(permissions.can_record_evaluation(user))
    return pilot


def point_for_viewer(*, pilot: Pilot, point_id: int) -> EvaluationPoint:
    """A point of `pilot`, which the caller fetched for the user; 404 for another pilot's."""
    return found_or_404(lambda: selectors.point_for_detail(pilot=pilot, point_id=point_id))


def programme_for_evaluator(user, pk: int) -> Programme:
    """The programme whose evaluation the user records."""
    programme = programme_for_viewer(user, pk)
    require(permissions.can_record_programme_evaluation(user))
    return programme


def measurement_to_change(*, point: EvaluationPoint, measurement_id: int) -> Measurement:
    """A measurement of `point` that still counts; 404 for another point's, or one already
    corrected or removed (its page has moved on)."""
    return found_or_404(
        lambda: selectors.current_measurement_of(point=point, measurement_id=measurement_id)
    )
