"""Which official version stands for a programme now: the briefing of its current revision,
the latest evaluation report."""

import pytest

from pilots.documents.models import DocumentKind, OfficialDocument
from pilots.documents.selectors import official_standing
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


@pytest.fixture
def at_mat(submitted, decide):
    decide("director", submitted)
    decide("cell", submitted)
    run_tasks()  # a worker freezes the briefing
    submitted.refresh_from_db()
    return submitted


def test_the_briefing_of_the_current_revision_stands(at_mat, decide):
    briefing = OfficialDocument.objects.get(kind=DocumentKind.BRIEFING)
    assert official_standing(programme=at_mat, kind=DocumentKind.BRIEFING) == briefing
    decide("mat", at_mat, outcome="changes_requested", motivation="Herbekijken.")
    at_mat.refresh_from_db()
    # The next revision has no briefing yet: the one of revision 1 no longer stands for it.
    assert official_standing(programme=at_mat, kind=DocumentKind.BRIEFING) is None


def test_no_evaluation_report_stands_before_one_is_frozen(at_mat):
    assert official_standing(programme=at_mat, kind=DocumentKind.EVALUATION) is None
