"""Nothing is cut off: a programme holding the longest value every field of the documents
allows (each CharField and TextField at its max_length, unbroken strings, the largest amounts
the DecimalFields allow) renders both documents with every word inside the page, every column
header included. Positions come from the PDF itself (`pdftotext -bbox-layout`, poppler)."""

import datetime
import html
import io
import re
import subprocess
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.db import models
from django.utils import timezone
from pypdf import PdfReader

from core.models import Municipality
from pilots.approval import services
from pilots.documents import render
from pilots.documents.context import Edition, document_context
from pilots.documents.models import DocumentKind
from pilots.evaluation import services as evaluation_services
from pilots.models import (
    Decision,
    EvaluationPoint,
    Measurement,
    Outcome,
    Phase,
    PhaseType,
    PilotEvaluation,
    PolicyRecommendation,
    Programme,
    ProgrammeEvaluation,
)
from pilots.policy import services as policy_services
from procurement.models import ProcedureType
from stakeholders.models import Concern, Consultation
from tests.factories import DossierFactory
from tests.pilots.evaluation_helpers import add_point
from tests.pilots.factories import make_programme
from tests.stakeholders.factories import (
    ConcernFactory,
    ConsultationFactory,
    InvolvementFactory,
    SupportAssessmentFactory,
)
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db

# Fields that identify rather than describe, or that the documents never show.
SKIPPED = {"reference", "code", "nis_code", "reference_prefix", "email", "website", "fingerprint"}
# A wide letter: the worst case for a line that cannot break.
WIDE = "W"


def _unbroken(length: int, seed: str) -> str:
    return (seed + WIDE * length)[:length]


def _long_text(length: int, seed: str) -> str:
    """`length` characters of prose with an unbroken run of 300 in the middle."""
    words = (f"{seed} woord{n} " for n in range(length))
    prose = "".join(words)[: length - 300]
    return (prose[: len(prose) // 2] + _unbroken(300, seed) + prose[len(prose) // 2 :])[:length]


def _largest(field: models.DecimalField) -> Decimal:
    whole = 10 ** (field.max_digits - field.decimal_places) - 1
    return Decimal(whole) + Decimal(1) - Decimal(1).scaleb(-field.decimal_places)


def longest_values(model, *, seed: str, only=None) -> dict:
    """The longest value each free-text and decimal field of `model` allows."""
    values = {}
    for field in model._meta.concrete_fields:
        if field.name in SKIPPED or (only and field.name not in only) or field.choices:
            continue
        if isinstance(field, models.TextField):
            values[field.name] = _long_text(field.max_length or 5000, seed)
        elif isinstance(field, models.CharField):
            values[field.name] = _unbroken(field.max_length, seed)
        elif isinstance(field, models.DecimalField):
            values[field.name] = _largest(field)
    return values


def _fill(instance, *, seed: str, only=None, **overrides) -> None:
    model = type(instance)
    model._default_manager.filter(pk=instance.pk).update(
        **{**longest_values(model, seed=seed, only=only), **overrides}
    )


def _approve_with_longest_advice(programme, users):
    """The default chain, every decision with the longest texts it allows (decisions are
    append-only: the texts go in as they are recorded)."""
    advice = longest_values(
        Decision,
        seed="Adv",
        only={"motivation", "conditions", "communication_advice", "scale_up_advice"},
    )
    services.programme_submit(programme_id=programme.pk, user=users["officer"])
    for persona, extra in [
        ("director", {"outcome": Outcome.APPROVED, "co_validator": users["head"]}),
        ("cell", {}),
        ("mat", {"outcome": Outcome.APPROVED, "meeting_date": timezone.localdate()}),
    ]:
        run_tasks()  # a worker freezes the briefing once the MAT's stage opens
        services.decision_record(programme_id=programme.pk, user=users[persona], **advice, **extra)
    return Programme.objects.get(pk=programme.pk)


def _add_stakeholders(programme) -> None:
    for index, involvement_level in enumerate([4, 5, 4, 2, None]):
        involvement = InvolvementFactory(subject=programme, influence=4, interest=4 - index % 2)
        if involvement_level is not None:
            SupportAssessmentFactory(involvement=involvement, level=involvement_level)
        ConcernFactory(involvement=involvement, mitigation="x")
    ConsultationFactory(subject=programme)


def _fill_shared_texts() -> None:
    """The reference data the documents show, and the register's texts."""
    for phase_type in PhaseType.objects.all():
        _fill(phase_type, seed="Fase", only={"name", "name_en"})
    for procedure in ProcedureType.objects.all():
        _fill(procedure, seed="Proc", only={"name", "name_en"})
    for concern in Concern.objects.all():
        _fill(concern, seed="Bez")
    for consultation in Consultation.objects.all():
        _fill(consultation, seed="Ovl", only={"title"})


@pytest.fixture
def longest_programme(users, municipality):
    """An approved programme of two pilots, measured, evaluated and fed back, whose every
    shown field holds the longest value it allows."""
    Municipality.objects.filter(pk=municipality.pk).update(
        **longest_values(Municipality, seed="Gem", only={"name"})
    )
    dossiers = [
        DossierFactory(reference=f"2026-LONG-{n}WWWWWWW"[:20], department__code=f"long{n}")
        for n in range(2)
    ]
    programme = make_programme(user=users["officer"], dossiers=dossiers)
    pilots = list(programme.pilots.order_by("pk"))
    points = [add_point(pilot, users["officer"]) for pilot in pilots]
    add_point(pilots[0], users["officer"], indicator="Tweede punt", weight=1)
    _add_stakeholders(programme)
    programme = _approve_with_longest_advice(programme, users)
    for pilot in pilots:
        _fill(pilot, seed=f"P{pilot.pk}")
        _fill(pilot.dossier, seed=f"D{pilot.pk}")
        _fill(pilot.dossier.department, seed=f"Dep{pilot.pk}", only={"name"})
    for point in EvaluationPoint.objects.filter(pilot__programme=programme):
        # The widest baseline below the widest target: the most negative amount.
        _fill(
            point,
            seed=f"E{point.pk}",
            baseline=-_largest(EvaluationPoint._meta.get_field("baseline")),
        )
    for point in points:
        evaluation_services.measurement_add(
            point_id=point.pk,
            user=users["officer"],
            measured_on=timezone.localdate() - datetime.timedelta(days=1),
            value=Decimal("15"),
            source="Register",
        )
    for measurement in Measurement.objects.filter(point__in=points):
        _fill(measurement, seed="M")
    for pilot in pilots:
        evaluation_services.pilot_evaluation_save(
            pilot_id=pilot.pk,
            user=users["officer"],
            conclusion="scale_up",
            **longest_values(
                PilotEvaluation,
                seed="Ev",
                only={"summary", "lessons", "success_factors", "pitfalls", "motivation"},
            ),
        )
    for phase in Phase.objects.filter(pilot__in=pilots):
        _fill(phase, seed="Ph", only={"note"})
    _fill_shared_texts()
    policy_services.recommendation_create(
        user=users["cell"],
        theme="process",
        programme=programme,
        evaluations=PilotEvaluation.objects.filter(pilot__in=pilots),
        **longest_values(PolicyRecommendation, seed="Rec", only={"title", "text"}),
    )
    _fill(programme, seed="Prog")
    ProgrammeEvaluation.objects.create(
        programme=programme,
        recorded_by=users["officer"],
        fed_back_on=timezone.localdate(),
        **longest_values(ProgrammeEvaluation, seed="PE"),
    )
    return Programme.objects.get(pk=programme.pk)


def _words(pdf: bytes, tmp_path) -> list[dict]:
    """Every word of every page with its box and its page's size, in PDF points."""
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ElementTree.fromstring(re.sub(r"<!DOCTYPE[^>]*>", "", out))
    words = []
    for number, page in enumerate(root.iter("{http://www.w3.org/1999/xhtml}page"), start=1):
        width, height = float(page.get("width")), float(page.get("height"))
        for word in page.iter("{http://www.w3.org/1999/xhtml}word"):
            box = {key: float(word.get(key)) for key in ("xMin", "yMin", "xMax", "yMax")}
            words.append({"text": word.text or "", "page": number, "w": width, "h": height, **box})
    return words


def _column_headers(document_html: str) -> list[str]:
    found = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', document_html, flags=re.S)
    return sorted({html.unescape(re.sub(r"<[^>]+>", "", text)).strip() for text in found} - {""})


def _outside(words: list[dict]) -> list[str]:
    """The words not wholly on their page (0.5 pt of tolerance for pdftotext's rounding)."""
    return [
        f"page {w['page']}: {w['text'][:40]!r} at x {w['xMin']:.0f}–{w['xMax']:.0f}, "
        f"y {w['yMin']:.0f}–{w['yMax']:.0f} on {w['w']:.0f}×{w['h']:.0f}"
        for w in words
        if min(w["xMin"], w["yMin"]) < -0.5 or w["xMax"] > w["w"] + 0.5 or w["yMax"] > w["h"] + 0.5
    ]


def _overlapping(words: list[dict]) -> list[str]:
    """Pairs of words on one page whose boxes overlap by more than a quarter of the smaller:
    a cell that runs into the next column."""
    found = []
    for number in {w["page"] for w in words}:
        page = sorted(
            (w for w in words if w["page"] == number),
            key=lambda w: w["xMin"],
        )
        for index, one in enumerate(page):
            for other in page[index + 1 :]:
                if other["xMin"] >= one["xMax"]:
                    break
                width = min(one["xMax"], other["xMax"]) - other["xMin"]
                height = min(one["yMax"], other["yMax"]) - max(one["yMin"], other["yMin"])
                smaller = min(
                    (w["xMax"] - w["xMin"]) * (w["yMax"] - w["yMin"]) for w in (one, other)
                )
                if width > 0 and height > 0 and width * height > smaller / 4:
                    found.append(f"page {number}: {one['text'][:30]!r} over {other['text'][:30]!r}")
    return found


# The headings' sizes in CSS pixels (h4 10pt, h3 12pt, h2 15pt); body text is 9.6pt. Below
# the bottom margin (22 mm, in points) is the running footer.
HEADING_PX = 13
BOTTOM_MARGIN = 62.4


def _stranded_headings(pdf: bytes) -> list[str]:
    """Headings that are the last text of their page (after the cover): set in bold at a
    heading's size with nothing below them but the running footer."""
    stranded = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages[1:], start=2):
        lines: list[tuple[float, float, bool, str]] = []

        def text(value, cm, tm, font, size, lines=lines):
            # The height on the page, in points from its bottom (text matrix times the CTM).
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            if value.strip() and y > BOTTOM_MARGIN:
                bold = "Bold" in str((font or {}).get("/BaseFont", ""))
                lines.append((y, size, bold, value.strip()))

        page.extract_text(visitor_text=text)
        if lines:
            _y, size, bold, value = min(lines)
            if bold and size >= HEADING_PX:
                stranded.append(f"page {number}: {value[:60]!r}")
    return stranded


def test_the_longest_values_stay_on_the_page_in_both_documents(longest_programme, tmp_path):
    """Both documents in one test: building the programme costs more than a render. As they
    are frozen (official versions): a draft's watermark, drawn across the text, is checked
    in test_documents.py."""
    edition = Edition(version=1, official=True, date=timezone.localdate())
    for kind in DocumentKind.values:
        context = document_context(
            programme_id=longest_programme.pk, kind=kind, language="nl-be", edition=edition
        )
        document_html = render.render_html(context, language="nl-be")
        assert _unbroken(40, "Prog") in document_html  # the long values are in the document
        pdf = render.html_to_pdf(document_html)
        words = _words(pdf, tmp_path)
        outside = _outside(words)
        assert not outside, f"{kind}:\n" + "\n".join(outside[:20])
        overlapping = _overlapping(words)
        assert not overlapping, f"{kind}:\n" + "\n".join(overlapping[:20])
        assert not _stranded_headings(pdf), (kind, _stranded_headings(pdf))
        headers = _column_headers(document_html)
        if kind == DocumentKind.EVALUATION:
            assert {"Gewicht", "Score", "Nulmeting", "Doel", "Gemeten"} <= set(headers)
        on_page = {w["text"] for w in words}
        missing = [header for header in headers if not set(header.split()) <= on_page]
        assert not missing, f"{kind}: column headers not whole on the page: {missing}"
