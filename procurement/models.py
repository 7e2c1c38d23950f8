"""The procurement app's models, gathered from its rooms so that Django registers them here."""

from .dossiers.models import (
    CircularStrategy,
    Dossier,
    DossierCounter,
    JointParticipation,
    ProcedureThreshold,
    ProcedureType,
    RLadder,
    SubjectType,
    Willingness,
)
from .selection.models import (
    Candidate,
    Criterion,
    HandScore,
    ReminderSent,
    RoundDepartment,
    SelectionEvent,
    SelectionRound,
)

__all__ = [
    "Candidate",
    "CircularStrategy",
    "Criterion",
    "Dossier",
    "DossierCounter",
    "HandScore",
    "JointParticipation",
    "ProcedureThreshold",
    "ProcedureType",
    "RLadder",
    "ReminderSent",
    "RoundDepartment",
    "SelectionEvent",
    "SelectionRound",
    "SubjectType",
    "Willingness",
]
