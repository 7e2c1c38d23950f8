"""The rendering layer: the demo briefing and evaluation report as PDF/A, read back with
pypdf. The demo is seeded and rendered once per module, inside a transaction rolled back
afterwards, because a render takes about a second."""

import io
import re
import subprocess

import pytest
from django.core.management import call_command
from django.db import transaction
from pypdf import PdfReader

from pilots import documents
from pilots.demo import APPROVED_TITLE
from pilots.document_models import DocumentKind, OrganisationProfile
from pilots.models import Programme
from tests.reference_data import reference_data_missing, reference_data_restore

from .factories import make_programme

BRIEFING_SECTIONS = [
    "De gevraagde beslissing aan het MAT",
    "Circulair aankopen: wat en waarom",
    "Waarom nu: de bredere context",
    "Hoe de kandidaten gevonden werden",
    "De pilots",
    "Budget, financiering en praktische afspraken",
    "Risico's en bezorgdheden, met hun aanpak",
    "Draagvlak",
    "Beslissingen en adviezen tot nu toe",
    "Voorgesteld besluit",
]
EVALUATION_SECTIONS = [
    "Wat het MAT besliste",
    "De pilots",
    "Het programma als geheel",
    "Beleidsaanbevelingen",
]


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo_pdfs(django_db_setup, django_db_blocker):
    """The demo's draft briefing and evaluation report (Dutch) and its official briefing."""
    rendered = {}
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                # A browser test earlier on this worker may have flushed the migrations' data.
                if reference_data_missing():
                    reference_data_restore()
                call_command("seed_demo", stdout=io.StringIO())
                programme = Programme.objects.get(title=APPROVED_TITLE)
                for kind in DocumentKind.values:
                    rendered[kind] = documents.render_pdf(
                        programme_id=programme.pk, kind=kind, language="nl-be"
                    )
                official = programme.official_documents.get(kind=DocumentKind.BRIEFING)
                with official.file.open("rb") as stored:
                    rendered["official"] = stored.read()
                raise _Rollback
        except _Rollback:
            pass
    return rendered


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("kind", "titles"),
    [(DocumentKind.BRIEFING, BRIEFING_SECTIONS), (DocumentKind.EVALUATION, EVALUATION_SECTIONS)],
)
def test_every_section_of_the_demo_document_is_present(demo_pdfs, kind, titles):
    text = _squash("\n".join(_pages(demo_pdfs[kind])))
    for number, title in enumerate(titles, start=1):
        assert _squash(f"{number} {title}") in text, title


def test_the_demo_briefing_carries_the_facts_of_its_sections(demo_pdfs):
    text = _squash("\n".join(_pages(demo_pdfs[DocumentKind.BRIEFING])))
    for expected in [
        "Werkkledij technische diensten",
        "Kantoormeubilair administratief centrum",
        "Inventaris circulaire proeftrajecten",  # the selection round
        "R5 Opknappen",  # an R-ladder strategy of a pilot
        "Geplande fasen",
        "Maatregel",  # concerns with their mitigation
        "Overleg strategische cel",  # a consultation, by title only
        "Financieel directeur",
        "Maandelijkse opvolging",  # the director's condition
        "Het managementteam keurt het proeftraject",
        "pagina 3 van",
    ]:
        assert _squash(expected) in text, expected


def test_the_briefing_names_nobody_behind_a_concern_or_a_support_level(demo_pdfs):
    text = "\n".join(_pages(demo_pdfs["official"]))
    # Notes on support assessments and the stakeholders' roles stay out of the document.
    for private in [
        "Verdedigt het proeftraject zelf op het MAT.",
        "Vreest juridische risico's",
        "Diensthoofd Aankopen: valideert de aanpak",
        "Trekker van het proeftraject",
    ]:
        assert private not in text, private


def test_the_table_of_contents_points_to_the_pages_of_its_headings(demo_pdfs):
    for kind in DocumentKind.values:
        pages = _pages(demo_pdfs[kind])
        toc = pages[1]
        entries = re.findall(r"^(\d+(?:\.\d+)?)\s+(.+?)[\s.]+?(\d+)$", toc, flags=re.M)
        assert len(entries) >= 4
        for number, title, page in entries:
            heading = _squash(f"{number} {title}")
            assert heading in _squash(pages[int(page) - 1]), (kind, number, title, page)


def test_metadata_and_pdfa_identification_are_present(demo_pdfs):
    reader = PdfReader(io.BytesIO(demo_pdfs["official"]))
    assert reader.metadata.title == f"MAT-briefing: {APPROVED_TITLE}"
    assert reader.metadata.author == "Stad Voorbeeld"
    assert reader.metadata.subject == "Officiële versie 1"
    assert reader.trailer["/Root"]["/Lang"] == "nl-BE"
    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]


def test_every_font_is_embedded(demo_pdfs, tmp_path):
    path = tmp_path / "briefing.pdf"
    path.write_bytes(demo_pdfs[DocumentKind.BRIEFING])
    output = subprocess.run(
        ["pdffonts", str(path)], capture_output=True, text=True, check=True
    ).stdout
    rows = output.splitlines()[2:]
    assert rows
    for row in rows:
        # Columns: name, type, encoding, emb, sub, uni, object id.
        assert row.split()[-5] == "yes", row


def test_drafts_carry_the_watermark_and_official_versions_do_not(demo_pdfs):
    assert all("CONCEPT" in page for page in _pages(demo_pdfs[DocumentKind.BRIEFING]))
    assert not any("CONCEPT" in page for page in _pages(demo_pdfs["official"]))


def test_the_evaluation_report_says_what_is_not_yet_available(demo_pdfs):
    text = "\n".join(_pages(demo_pdfs[DocumentKind.EVALUATION]))
    assert text.count("Nog niet beschikbaar") >= 2 * 4 + 2
    assert "Fasen: gepland en werkelijk" in text


@pytest.mark.django_db
def test_a_programme_with_missing_data_renders_with_not_available_sections(users):
    programme = make_programme(
        user=users["officer"],
        dossiers=[],
        budget=None,
        funding_channel="",
        risks="",
        agreements="",
    )
    pdf = documents.render_pdf(
        programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="nl-be"
    )
    text = "\n".join(_pages(pdf))
    assert text.count("Nog niet beschikbaar") >= 6
    assert "Er zijn nog geen pilots gekozen." in text


@pytest.mark.django_db
def test_the_requesters_language_is_used_for_a_draft(users):
    programme = make_programme(user=users["officer"])
    context = documents.document_context(
        programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="en"
    )
    html = documents.render_html(context, language="en")
    assert '<html lang="en">' in html
    assert "The decision asked of the MAT" in html
    assert "DRAFT" in html


@pytest.mark.django_db
def test_the_cover_uses_the_organisation_profile(users):
    OrganisationProfile.objects.create(name="Stad Gent")
    programme = make_programme(user=users["officer"])
    context = documents.document_context(
        programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="nl-be"
    )
    assert context["organisation"] == {"name": "Stad Gent", "logo": "/static/img/logo.svg"}


@pytest.mark.django_db
def test_the_evaluation_template_shows_results_once_they_exist(users, monkeypatch):
    programme = make_programme(user=users["officer"])
    results = {
        "rows": [
            {
                "category": "Circulariteit",
                "indicator": "Gerecycleerde vezels",
                "unit": "%",
                "baseline": 0,
                "target": 30,
                "measured": 34,
                "score": 100,
            }
        ],
        "weighted_score": 87,
        "chart": documents.score_chart([{"label": "Gerecycleerde vezels", "score": 100}]),
    }
    monkeypatch.setattr(documents, "evaluation_results", lambda pilot: results)
    context = documents.document_context(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )
    html = documents.render_html(context, language="nl-be")
    assert "Gerecycleerde vezels" in html
    assert "<svg" in html


def test_the_url_fetcher_reads_static_and_media_from_disk_and_refuses_the_rest(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "organisation").mkdir()
    (tmp_path / "organisation" / "logo.svg").write_text("<svg/>")
    fetcher = documents.DiskURLFetcher()
    assert fetcher.path_for("file:///static/img/logo.svg").name == "logo.svg"
    assert fetcher.path_for("file:///media/organisation/logo.svg").name == "logo.svg"
    assert fetcher.fetch("file:///static/img/logo.svg").read().startswith(b"<svg")
    for refused in [
        "http://localhost:8000/static/img/logo.svg",
        "https://example.org/logo.svg",
        "file:///etc/passwd",
        "file:///media/../../etc/passwd",
        "file:///static/../../config/settings/base.py",
    ]:
        assert fetcher.path_for(refused) is None, refused
        with pytest.raises(ValueError):
            fetcher.fetch(refused)


def test_the_timeline_chart_places_bars_in_time_order():
    import datetime

    day = datetime.date(2026, 1, 1)
    chart = documents.timeline_chart(
        [
            {
                "label": "A",
                "planned_start": day,
                "planned_end": day + datetime.timedelta(days=27),
            },
            {
                "label": "B",
                "planned_start": day + datetime.timedelta(days=28),
                "planned_end": day + datetime.timedelta(days=90),
                "actual_start": day + datetime.timedelta(days=35),
            },
        ]
    )
    first, second = chart["bars"]
    assert first["planned_x"] == documents.LABEL_WIDTH
    assert second["planned_x"] >= first["planned_x"] + first["planned_w"] - 0.2
    assert second["actual"]["open"] is True
    assert chart["has_actual"]
    assert documents.timeline_chart([]) is None
