"""Reads of the stakeholder register, shaped so a page costs the same number of queries at
any size. What is sensitive is not even read for a user who may not see it."""

import math
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Model, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext

from core.visibility import visible_subjects_q

from . import disclosure, permissions
from .filters import ConsultationFilter, OrganisationFilter, PersonFilter
from .models import (
    SUBJECT_MODELS,
    ActionItem,
    Concern,
    Consultation,
    Involvement,
    Organisation,
    Person,
    Quadrant,
    SupportAssessment,
    SupportLevel,
)


def person_for_user(user) -> Person | None:
    """The person record of a logged-in user, read once per request."""
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_draagvlak_person"):
        user._draagvlak_person = (
            Person.objects.select_related("department").filter(user=user).first()
        )
    return user._draagvlak_person


def user_department_id(user) -> int | None:
    person = person_for_user(user)
    return person.department_id if person else None


# --- Register ------------------------------------------------------------------------------


def person_queryset():
    return Person.objects.select_related("department", "organisation", "user")


def organisation_queryset():
    return Organisation.objects.annotate(
        people_count=Count("people", filter=Q(people__erased_at__isnull=True))
    ).order_by("name")


def subject_models() -> list[type[Model]]:
    """The models a subject may be of (`SUBJECT_MODELS`, by label)."""
    return [apps.get_model(label) for label in sorted(SUBJECT_MODELS)]


def visible_subjects(user, *, prefix: str = "") -> Q:
    """The rows (a consultation, an involvement; through `prefix`) about a subject that
    `user` may see, by the rule of the subject's own app (`core.visibility`): a title or a
    consultation about a programme never reaches whoever may not see the programme."""
    return visible_subjects_q(user, subject_models(), prefix=prefix)


def consultation_queryset(*, user):
    return (
        Consultation.objects.filter(visible_subjects(user))
        .select_related("content_type")
        .annotate(
            participant_count=Count("participants", distinct=True),
            open_items=Count(
                "action_items", filter=Q(action_items__done_at__isnull=True), distinct=True
            ),
        )
        .prefetch_related("subject")
        .order_by("-held_on", "-pk")
    )


def person_filter(*, params) -> PersonFilter:
    return PersonFilter(params, queryset=person_queryset())


def organisation_filter(*, params) -> OrganisationFilter:
    return OrganisationFilter(params, queryset=organisation_queryset())


def consultation_filter(*, params, user) -> ConsultationFilter:
    return ConsultationFilter(params, queryset=consultation_queryset(user=user))


def action_items_open(*, person: Person | None, user, limit: int | None = None):
    """A person's open action items, of consultations about subjects `user` may see."""
    if person is None:
        return ActionItem.objects.none()
    items = (
        ActionItem.objects.filter(
            visible_subjects(user, prefix="consultation__"), owner=person, done_at__isnull=True
        )
        .select_related("consultation", "owner")
        .order_by("due_on", "pk")
    )
    return items[:limit] if limit else items


# --- Subjects ------------------------------------------------------------------------------


def subject_url(subject) -> str:
    content_type = ContentType.objects.get_for_model(subject)
    return reverse("stakeholders:subject_support", args=[content_type.pk, subject.pk])


def subjects_with_support(*, user):
    """(content type id, object id) of every subject with stakeholders or consultations
    that `user` may see."""
    visible = visible_subjects(user)
    return (
        Involvement.objects.filter(visible)
        .order_by()
        .values_list("content_type_id", "object_id")
        .union(
            Consultation.objects.filter(visible)
            .order_by()
            .values_list("content_type_id", "object_id")
        )
        .order_by("content_type_id", "-object_id")
    )


def subjects_resolve(pairs) -> list[dict]:
    """The subjects of one page, one query per kind of subject."""
    by_type: dict[int, set[int]] = {}
    for content_type_id, object_id in pairs:
        by_type.setdefault(content_type_id, set()).add(object_id)
    objects: dict[tuple[int, int], Model] = {}
    for content_type_id, ids in by_type.items():
        content_type = ContentType.objects.get_for_id(content_type_id)
        model = content_type.model_class()
        if model is None:
            continue
        for pk, found in model._default_manager.in_bulk(ids).items():
            objects[(content_type_id, pk)] = found
    rows = []
    for content_type_id, object_id in pairs:
        obj = objects.get((content_type_id, object_id))
        if obj is not None:
            rows.append(
                {
                    "subject": obj,
                    "kind": obj._meta.verbose_name,
                    "url": reverse(
                        "stakeholders:subject_support", args=[content_type_id, object_id]
                    ),
                }
            )
    return rows


# --- Support of one subject ----------------------------------------------------------------

QUADRANT_ORDER = [
    Quadrant.MANAGE_CLOSELY,
    Quadrant.KEEP_SATISFIED,
    Quadrant.KEEP_INFORMED,
    Quadrant.MONITOR,
]


@dataclass
class StakeholderRow:
    involvement: Involvement
    quadrant: Quadrant
    current: SupportAssessment | None = None
    history: list = field(default_factory=list)

    @property
    def stakeholder(self):
        return self.involvement.stakeholder


@dataclass
class SubjectSupport:
    subject: Model
    content_type: ContentType
    sensitive: bool
    rows: list
    grid: dict
    summary: dict
    barometer: list | None
    barometer_chart: dict | None
    barometer_suppressed: bool
    open_concerns: list
    consultations: list
    open_action_items: list

    @property
    def kind(self):
        return self.subject._meta.verbose_name

    @property
    def url(self):
        return reverse("stakeholders:subject_support", args=[self.content_type.pk, self.subject.pk])


# Only what a count needs: never the note, nor who assessed.
LEVELS_ONLY = ("pk", "involvement_id", "level", "assessed_on", "created_at")


def involvements_of(*, subject, sensitive: bool):
    """The subject's involvements with their assessments, latest first: whole for a reader
    of what is sensitive, else only their levels and dates, read to be counted."""
    queryset = Involvement.objects.for_subject(subject).select_related(
        "person__department", "person__organisation", "organisation"
    )
    assessments = (
        SupportAssessment.objects.select_related("assessed_by")
        if sensitive
        else SupportAssessment.objects.only(*LEVELS_ONLY)
    )
    return queryset.prefetch_related(
        Prefetch("assessments", queryset=assessments, to_attr="assessment_list")
    )


def concerns_of(*, subject, attributed: bool, open_only: bool = True, with_dropped: bool = False):
    """The concerns about a subject. A concern itself (category, what is feared, the
    mitigation, its status) is for everyone who may see the subject; who raised it and who
    owns the mitigation only when `attributed` (`permissions.can_see_sensitive`). Without
    `open_only`, those no longer relevant only `with_dropped` (the evaluation report shows
    how each fear ended)."""
    concerns = Concern.objects.filter(
        involvement__content_type=ContentType.objects.get_for_model(subject),
        involvement__object_id=subject.pk,
    )
    if open_only:
        concerns = concerns.filter(status__in=Concern.OPEN_STATUSES)
    elif not with_dropped:
        concerns = concerns.exclude(status=Concern.Status.DROPPED)
    if attributed:
        concerns = concerns.select_related(
            "involvement__person", "involvement__organisation", "owner"
        )
    else:
        concerns = concerns.only(
            "pk", "category", "description", "mitigation", "status", "raised_on", "due_on"
        )
    return concerns


def subject_support(*, subject, user) -> SubjectSupport:
    """Everything the support partial shows for one subject, hiding what `user` may not see:
    without sensitive access no individual level, no attribution of a concern, and support
    figures only over groups large enough (`disclosure`)."""
    sensitive = permissions.can_see_sensitive(user)
    rows = []
    levels = []
    assessments: list[SupportAssessment] = []
    for involvement in involvements_of(subject=subject, sensitive=sensitive):
        row = StakeholderRow(involvement=involvement, quadrant=involvement.quadrant)
        assessments.extend(involvement.assessment_list)
        current = involvement.assessment_list[0] if involvement.assessment_list else None
        levels.append((row.quadrant, current.level if current else None))
        if sensitive:
            row.history = involvement.assessment_list
            row.current = current
        else:
            # Only the counts below leave this function.
            involvement.assessment_list = []
        rows.append(row)
    rows.sort(key=lambda r: (QUADRANT_ORDER.index(r.quadrant), -r.involvement.influence))

    all_points = support_barometer(assessments)
    barometer = all_points if sensitive else barometer_disclosed(assessments)
    open_concerns = list(
        concerns_of(subject=subject, attributed=sensitive).order_by("due_on", "raised_on", "pk")
    )

    consultations = list(
        Consultation.objects.for_subject(subject).prefetch_related(
            Prefetch("participants", queryset=Person.objects.order_by("full_name")),
            "organisations",
            "decisions",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        )
    )
    open_items = sorted(
        (item for c in consultations for item in c.action_items.all() if not item.is_done),
        key=lambda item: (item.due_on, item.pk),
    )
    return SubjectSupport(
        subject=subject,
        content_type=ContentType.objects.get_for_model(subject),
        sensitive=sensitive,
        rows=rows,
        grid=power_interest_grid(rows, sensitive=sensitive),
        summary=support_by_quadrant(levels, individual=sensitive),
        barometer=barometer,
        barometer_chart=barometer_chart(barometer),
        barometer_suppressed=len(barometer) < len(all_points),
        open_concerns=open_concerns,
        consultations=consultations,
        open_action_items=open_items,
    )


def support_by_quadrant(levels, *, individual: bool) -> dict:
    """Support per quadrant of the power-interest grid, counted per support level, with its
    average; `levels` holds (quadrant, current level or None) per stakeholder. For a reader
    who may not see individual assessments (`individual=False`) the figures of a quadrant
    with fewer than 3 assessed people are left out (`disclosure.groups_to_suppress`), and
    those of the whole below 3 as well."""
    members = {quadrant: [lv for q, lv in levels if q == quadrant] for quadrant in QUADRANT_ORDER}
    assessed = {q: [lv for lv in found if lv is not None] for q, found in members.items()}
    hidden = (
        set()
        if individual
        else disclosure.groups_to_suppress({q: len(found) for q, found in assessed.items()})
    )
    groups = []
    for quadrant in QUADRANT_ORDER:
        suppressed = quadrant in hidden
        counts = {level: 0 for level in SupportLevel.values}
        for level in assessed[quadrant]:
            counts[level] += 1
        levels_shown = [
            {
                "level": level,
                "label": label,
                "count": None if suppressed else counts[level],
                "fill": SUPPORT_FILL[level],
            }
            for level, label in SupportLevel.choices
        ]
        levels_shown.append(
            {
                "level": 0,
                "label": gettext("Not assessed"),
                "count": None if suppressed else len(members[quadrant]) - len(assessed[quadrant]),
                "fill": NO_SUPPORT_FILL,
            }
        )
        groups.append(
            {
                "quadrant": quadrant,
                "label": quadrant.label,
                "count": len(members[quadrant]),
                "suppressed": suppressed,
                "levels": levels_shown,
                "average": None if suppressed else _average(assessed[quadrant]),
            }
        )
    every_level = [lv for found in assessed.values() for lv in found]
    total_hidden = not individual and not disclosure.discloses(len(every_level))
    return {
        "groups": groups,
        "total": len(levels),
        "suppressed": bool(hidden),
        "total_suppressed": total_hidden,
        "supportive": None
        if total_hidden
        else sum(1 for level in every_level if level >= SupportLevel.SUPPORTIVE),
        "average": None if total_hidden else _average(every_level),
        "fewer_than": disclosure.fewer_than(),
        "legend": [
            {"level": level, "label": label, "fill": SUPPORT_FILL[level]}
            for level, label in SupportLevel.choices
        ]
        + [{"level": 0, "label": gettext("Not assessed"), "fill": NO_SUPPORT_FILL}],
    }


def _average(levels: list[int]) -> float | None:
    return round(sum(levels) / len(levels), 1) if levels else None


def _standings(assessments) -> list[tuple[Any, dict[int, int]]]:
    """On each date with an assessment, every stakeholder's support as it stood that day
    (their latest assessment up to then), by involvement."""
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.created_at, a.pk))
    standing: dict[int, int] = {}
    days: list[tuple[Any, dict[int, int]]] = []
    for assessment in ordered:
        standing[assessment.involvement_id] = assessment.level
        if days and days[-1][0] == assessment.assessed_on:
            days[-1] = (assessment.assessed_on, dict(standing))
        else:
            days.append((assessment.assessed_on, dict(standing)))
    return days


def _point(day, standing: dict[int, int]) -> dict:
    average = sum(standing.values()) / len(standing)
    return {
        "date": day,
        "average": round(average, 2),
        "count": len(standing),
        "label": SupportLevel(round(average)).label,
    }


def support_barometer(assessments) -> list[dict]:
    """The subject's support over time: on each date with an assessment, the average of every
    stakeholder's support as it stood that day (their latest assessment up to then)."""
    return [_point(day, standing) for day, standing in _standings(assessments)]


def barometer_disclosed(assessments) -> list[dict]:
    """The barometer for a reader who may not see individual assessments. Each point must
    average 3 people or more, and between two points shown at least 3 people's support must
    differ: else the difference of two averages is one person's change, or a newly assessed
    person's level. Chosen from the latest point (today's average, which the summary shows
    as well) back."""
    shown: list[tuple[Any, dict[int, int]]] = []
    for day, standing in reversed(_standings(assessments)):
        if not disclosure.discloses(len(standing)):
            continue
        if shown:
            later = shown[-1][1]
            changed = sum(
                1 for key in later.keys() | standing.keys() if later.get(key) != standing.get(key)
            )
            if not disclosure.discloses(changed):
                continue
        shown.append((day, standing))
    return [_point(day, standing) for day, standing in reversed(shown)]


# --- Charts (server-rendered SVG) ----------------------------------------------------------

GRID = {"left": 56, "top": 16, "cell": 68, "size": 5}
SUPPORT_FILL = {1: "#b42318", 2: "#d9822b", 3: "#8a8f98", 4: "#4f8a3c", 5: "#1f5f4a"}
SUPPORT_TEXT = {1: "#ffffff", 2: "#000000", 3: "#000000", 4: "#ffffff", 5: "#ffffff"}
NO_SUPPORT_FILL = "#adb5bd"
# A group whose support is not shown (fewer than 3 assessed, `disclosure`).
SUPPRESSED_FILL = "#e4e7ec"
QUADRANT_FILL = {
    Quadrant.MANAGE_CLOSELY: "#e3efe8",
    Quadrant.KEEP_SATISFIED: "#eef3f7",
    Quadrant.KEEP_INFORMED: "#eef3f7",
    Quadrant.MONITOR: "#f8f9fa",
}
PER_CELL = 16
LABEL_STRIP = 16


def power_interest_grid(rows, *, sensitive: bool) -> dict:
    """Positions for the SVG: interest on the x axis, influence on the y axis, one cell per
    score; stakeholders sharing a cell sit side by side, the rest counted as "+n"."""
    left, top, cell, size = GRID["left"], GRID["top"], GRID["cell"], GRID["size"]
    cells: dict[tuple[int, int], list] = {}
    for row in rows:
        cells.setdefault((row.involvement.interest, row.involvement.influence), []).append(row)
    dots, overflows = [], []
    for (interest, influence), members in cells.items():
        shown = members[:PER_CELL]
        columns = math.ceil(math.sqrt(len(shown)))
        # The top strip of each cell stays free for the quadrant's name.
        step = (cell - LABEL_STRIP) / columns
        radius = min(13, step / 2 - 2)
        x0 = left + (interest - 1) * cell + LABEL_STRIP / 2
        y0 = top + (size - influence) * cell + LABEL_STRIP
        for index, row in enumerate(shown):
            level = row.current.level if (sensitive and row.current) else None
            dots.append(
                {
                    "x": round(x0 + step * (index % columns) + step / 2, 1),
                    "y": round(y0 + step * (index // columns) + step / 2, 1),
                    "r": round(radius, 1),
                    "fill": NO_SUPPORT_FILL if level is None else SUPPORT_FILL[level],
                    "text_fill": "#000000" if level is None else SUPPORT_TEXT[level],
                    "level": level,
                    "show_text": radius >= 7,
                    "label": str(row.stakeholder),
                    "support": row.current.get_level_display() if level else "",
                }
            )
        if len(members) > PER_CELL:
            overflows.append(
                {
                    "x": left + interest * cell - 4,
                    "y": top + (size - influence + 1) * cell - 4,
                    "count": len(members) - PER_CELL,
                }
            )
    span = cell * size
    high = cell * (size - 2)  # the scores 3, 4 and 5 count as high
    low = cell * 2
    return {
        "width": left + span + 8,
        "height": top + span + 44,
        "left": left,
        "top": top,
        "span": span,
        "cell": cell,
        "dots": dots,
        "overflows": overflows,
        "quadrants": [
            {"x": x, "y": y, "w": w, "h": h, "q": quadrant, "fill": QUADRANT_FILL[quadrant]}
            for x, y, w, h, quadrant in (
                (left + low, top, high, high, Quadrant.MANAGE_CLOSELY),
                (left, top, low, high, Quadrant.KEEP_SATISFIED),
                (left + low, top + high, high, low, Quadrant.KEEP_INFORMED),
                (left, top + high, low, low, Quadrant.MONITOR),
            )
        ],
        "ticks": [
            {
                "value": n,
                "x": left + (n - 0.5) * cell,
                "y": top + (size - n + 0.5) * cell,
            }
            for n in range(1, size + 1)
        ],
        "axis_y": top + span,
        "legend": [
            {"level": level, "label": label, "fill": SUPPORT_FILL[level]}
            for level, label in SupportLevel.choices
        ],
    }


def barometer_chart(points: list[dict]) -> dict | None:
    if not points:
        return None
    width, height, left, top, bottom = 640, 200, 40, 12, 28
    plot_w, plot_h = width - left - 16, height - top - bottom
    first, last = points[0]["date"], points[-1]["date"]
    days = max((last - first).days, 1)

    def x_of(day):
        if first == last:
            return left + plot_w / 2
        return left + plot_w * (day - first).days / days

    def y_of(value):
        return top + plot_h * (5 - value) / 4

    coordinates = [
        {"x": round(x_of(p["date"]), 1), "y": round(y_of(p["average"]), 1), **p} for p in points
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - 16,
        "bottom": top + plot_h,
        "points": coordinates,
        "polyline": " ".join(f"{c['x']},{c['y']}" for c in coordinates),
        "levels": [
            {"value": level, "label": label, "y": round(y_of(level), 1)}
            for level, label in SupportLevel.choices
        ],
        "first": first,
        "last": last,
    }


# --- One person ----------------------------------------------------------------------------


def person_involvements(*, person: Person, user, sensitive: bool) -> list:
    queryset = (
        person.involvements.filter(visible_subjects(user))
        .select_related("content_type")
        .prefetch_related("subject")
    )
    if sensitive:
        queryset = queryset.prefetch_related(
            Prefetch("assessments", to_attr="assessment_list"),
            Prefetch("concerns", queryset=Concern.objects.select_related("owner")),
        )
    involvements: list[Any] = list(queryset)
    for involvement in involvements:
        involvement.subject_url = reverse(
            "stakeholders:subject_support",
            args=[involvement.content_type_id, involvement.object_id],
        )
    return involvements


def person_consultations(*, person: Person, user, limit: int = 50):
    return list(
        person.consultations.filter(visible_subjects(user))
        .select_related("content_type")
        .prefetch_related("subject")[:limit]
    )


def organisation_involvements(*, organisation: Organisation, user):
    return (
        organisation.involvements.filter(visible_subjects(user))
        .select_related("content_type")
        .prefetch_related("subject")
    )


def organisation_consultations(*, organisation: Organisation, user, limit: int = 50):
    return (
        Consultation.objects.filter(visible_subjects(user), organisations=organisation)
        .prefetch_related("subject")
        .order_by("-held_on", "-pk")[:limit]
    )


def consultation_detail(*, consultation_id: int, user):
    """A consultation, when `user` may see what it was about (else 404)."""
    return get_object_or_404(
        Consultation.objects.filter(visible_subjects(user))
        .select_related("content_type", "created_by")
        .prefetch_related(
            "subject",
            Prefetch("participants", queryset=Person.objects.select_related("department")),
            "organisations",
            "decisions",
            Prefetch("action_items", queryset=ActionItem.objects.select_related("owner")),
        ),
        pk=consultation_id,
    )
