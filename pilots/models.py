"""The registry of the pilots app's models: each room defines its own, importing them here
registers them with the app (and keeps `pilots.models.Programme` working for the other apps).
"""

from .advice.models import AdvisorAccess, AdvisorComment, Invitation
from .approval.models import (
    DECISION_OUTCOMES,
    ApprovalChain,
    ApprovalStage,
    Decision,
    LegalBasis,
    Outcome,
    Phase,
    PhaseType,
    Pilot,
    Programme,
    Revision,
    RevisionStage,
    StageKind,
    Substitution,
)
from .documents.models import DocumentKind, OfficialDocument
from .evaluation.models import (
    Category,
    Conclusion,
    Direction,
    EvaluationPoint,
    EvaluationPointTemplate,
    Measurement,
    PilotEvaluation,
    PointChange,
    ProgrammeEvaluation,
)
from .execution.models import MarketDialogue, ReferenceLeadTime
from .policy.models import PolicyRecommendation, RecommendationEvent, Theme

__all__ = [
    "DECISION_OUTCOMES",
    "AdvisorAccess",
    "AdvisorComment",
    "ApprovalChain",
    "ApprovalStage",
    "Category",
    "Conclusion",
    "Decision",
    "Direction",
    "DocumentKind",
    "EvaluationPoint",
    "EvaluationPointTemplate",
    "Invitation",
    "LegalBasis",
    "MarketDialogue",
    "Measurement",
    "OfficialDocument",
    "Outcome",
    "Phase",
    "PhaseType",
    "Pilot",
    "PilotEvaluation",
    "PointChange",
    "PolicyRecommendation",
    "Programme",
    "ProgrammeEvaluation",
    "RecommendationEvent",
    "ReferenceLeadTime",
    "Revision",
    "RevisionStage",
    "StageKind",
    "Substitution",
    "Theme",
]
