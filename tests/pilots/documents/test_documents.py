"""The rendering layer: the demo briefing and evaluation report as PDF/A, read back with
pypdf. The demo is seeded and rendered once per module, inside a transaction rolled back
afterwards, because a render takes about a second."""

import datetime
import io
import re
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader

from core.membership import first_municipality
from core.models import Municipality
from core.scoping import municipality_scope
from pilots.demo import APPROVED_TITLE, PROGRAMME_EVALUATION
from pilots.documents import render
from pilots.documents.context import document_context
from pilots.documents.models import DocumentKind
from pilots.evaluation import services as evaluation_services
from pilots.models import Programme
from tests.pilots.evaluation_helpers import add_point, approve
from tests.pilots.factories import make_programme
from tests.reference_data import reference_data_missing, reference_data_restore

BRIEFING_SECTIONS = [
    "Aanleiding en context",
    "Juridische grond",
    "Argumentatie",
    "Adviezen",
    "Financiële gevolgen",
    "Besluit",
]
# The briefing as a Flemish decision note, in the order its headings follow in the body.
BRIEFING_HEADINGS = [
    "Samenvatting",
    "1 Aanleiding en context",
    "1.1 Doel van het proeftraject",
    "1.2 Circulair aankopen: wat en waarom",
    "1.3 Waarom nu: de bredere context",
    "2 Juridische grond",
    "3 Argumentatie",
    "3.1 Hoe de kandidaten gevonden werden",
    "3.2 Doorlooptijd: gepland tegenover de referentie",
    "3.3 Risico's en bezorgdheden, met hun aanpak",
    "3.4 Draagvlak",
    "4 Adviezen",
    "5 Financiële gevolgen",
    "6 Besluit",
    "Artikel 1",
    "Artikel 2",
    "Artikel 3",
    "Artikel 4",
    "Artikel 5",
    "Bijlagen",
    "Bijlage 1 Kantoormeubilair administratief centrum",
    "Bijlage 2 Werkkledij technische diensten",
]
# The evaluation report's numbered sections, in the order of a Flemish decision note: the
# summary before them and the annexes after them take no number.
EVALUATION_SECTIONS = [
    "Aanleiding en context",
    "Juridische grond",
    "Argumentatie",
    "Adviezen",
    "Financiële gevolgen",
    "Besluit",
]


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def demo_pdfs(django_db_setup, django_db_blocker):
    """The demo's draft briefing and evaluation report (Dutch) and their official versions:
    the briefing frozen when the MAT's stage opened, the report when it was fed back."""
    rendered = {}
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                # A browser test earlier on this worker may have flushed the migrations' data.
                if reference_data_missing():
                    reference_data_restore()
                scoped = municipality_scope(first_municipality())
                scoped.__enter__()
                call_command("seed_demo", stdout=io.StringIO())
                programme = Programme.objects.get(title=APPROVED_TITLE)
                for kind in DocumentKind.values:
                    rendered[kind] = render.render_pdf(
                        programme_id=programme.pk, kind=kind, language="nl-be"
                    )
                official = programme.official_documents.get(kind=DocumentKind.BRIEFING)
                with official.file.open("rb") as stored:
                    rendered["official"] = stored.read()
                report = programme.official_documents.get(kind=DocumentKind.EVALUATION)
                with report.file.open("rb") as stored:
                    rendered["official-evaluation"] = stored.read()
                scoped.__exit__(None, None, None)
                raise _Rollback
        except _Rollback:
            pass
    return rendered


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _squash(text: str) -> str:
    """The text without white space, and without the hyphens (U+2010) WeasyPrint adds where it
    hyphenates a word at the end of a line."""
    return re.sub(r"\s+", "", re.sub("\u2010\\s+", "", text))


@pytest.mark.parametrize(
    ("kind", "titles"),
    [(DocumentKind.BRIEFING, BRIEFING_SECTIONS), (DocumentKind.EVALUATION, EVALUATION_SECTIONS)],
)
def test_every_section_of_the_demo_document_is_present(demo_pdfs, kind, titles):
    text = _squash("\n".join(_pages(demo_pdfs[kind])))
    for number, title in enumerate(titles, start=1):
        assert _squash(f"{number} {title}") in text, title


def _body(pages: list[str]) -> list[str]:
    """The pages after the table of contents."""
    toc = next(index for index, text in enumerate(pages) if "Inhoud" in text)
    return pages[toc + 1 :]


@pytest.mark.parametrize("kind", [DocumentKind.BRIEFING, "official"])
def test_the_briefing_follows_the_order_of_a_decision_note(demo_pdfs, kind):
    body = _squash("\n".join(_body(_pages(demo_pdfs[kind]))))
    positions = []
    for heading in BRIEFING_HEADINGS:
        assert _squash(heading) in body, heading
        positions.append(body.index(_squash(heading), positions[-1] if positions else 0))
    assert positions == sorted(positions)


def test_the_summary_of_the_demo_briefing_fits_on_one_page(demo_pdfs):
    body = _body(_pages(demo_pdfs[DocumentKind.BRIEFING]))
    squashed = [_squash(page) for page in body]
    starts = next(i for i, page in enumerate(squashed) if "Samenvatting" in page)
    context = next(i for i, page in enumerate(squashed) if "1Aanleidingencontext" in page)
    assert starts == 0
    assert context - starts == 1, "the summary runs over more than one page"
    summary = squashed[starts]
    for expected in [
        "HetMATwordtgevraagd",  # what is asked
        "Kantoormeubilairadministratiefcentrum",  # the pilots
        "Werkkledijtechnischediensten",
        "€25.000,00",  # the cost
        "€133.000,00",
        "Verwachtevertragingindoorlooptijd",  # the lead-time penalty
        "dagentrager",
        "Belangrijksterisico",
        "Langeredoorlooptijddoordemarktdialoog",
        "11belanghebbendenbetrokken",  # the support picture, restricted figures
    ]:
        assert expected in summary, expected


def test_the_demo_briefing_states_its_legal_basis_and_financial_consequences(demo_pdfs):
    text = _squash("\n".join(_body(_pages(demo_pdfs[DocumentKind.BRIEFING]))))
    for expected in [
        "Decreetvan22december2017overhetlokaalbestuur",
        "Wetvan17juni2016inzakeoverheidsopdrachten",
        "mandaataanhetmanagementteam",  # the delegation the MAT acts under
        "art.42,§1,1°,a)wetvan17juni2016",  # the pilots' procedure
        "6130000/0119-00",  # the budget key
        "Investeringsbudget Aankopen",  # who pays the furniture
        "ExploitatiebudgetMens",  # who pays the clothing
        "VisumvandefinancieeldirecteurGoedgekeurdop",
        "Maandelijkseopvolgingvanbudgetendoorlooptijd",  # the visa's condition
    ]:
        assert _squash(expected) in text, expected
    assert _squash("uiterlijk op") in text  # the feed-back date (Artikel 4)
    assert _squash("strategische cel het mandaat") in text  # Artikel 5


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
        # The documents' typeface, not a family fontconfig substituted (docs/operations.md).
        assert re.fullmatch(r"[A-Z]{6}\+DejaVu-Sans(-Bold)?(-Oblique)?", row.split()[0]), row


def test_drafts_carry_the_watermark_and_official_versions_do_not(demo_pdfs):
    assert all("CONCEPT" in page for page in _pages(demo_pdfs[DocumentKind.BRIEFING]))
    assert not any("CONCEPT" in page for page in _pages(demo_pdfs["official"]))


def test_the_xmp_metadata_names_the_language(demo_pdfs):
    """WeasyPrint writes the language into the catalogue only; the archive reads the XMP."""
    for key in ["official", "official-evaluation", DocumentKind.BRIEFING]:
        xmp = PdfReader(io.BytesIO(demo_pdfs[key])).xmp_metadata
        assert xmp.dc_language == ["nl-BE"], key
        assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B"), key


def _texts_and_artifacts(page) -> list[tuple[str, bool]]:
    """The text shown on a page, each piece with whether it is marked as an artifact."""
    marked: list[str] = []
    shown: list[tuple[str, bool]] = []

    def operator(op, args, cm, tm):
        if op in (b"BMC", b"BDC"):
            marked.append(str(args[0]))
        elif op == b"EMC" and marked:
            marked.pop()

    def text(value, cm, tm, font, size):
        if value.strip():
            shown.append((value.strip(), "/Artifact" in marked))

    page.extract_text(visitor_operand_before=operator, visitor_text=text)
    return shown


def test_the_watermark_of_a_draft_is_an_artifact_and_official_versions_have_none(demo_pdfs):
    """On every page of a draft the CONCEPT watermark is marked as an artifact, so it is no
    part of the tag tree a screen reader reads."""
    for kind in DocumentKind.values:
        for number, page in enumerate(PdfReader(io.BytesIO(demo_pdfs[kind])).pages, start=1):
            watermark = [art for text, art in _texts_and_artifacts(page) if "CONCEPT" in text]
            assert watermark, (kind, number)
            assert all(watermark), (kind, number)
    for key in ["official", "official-evaluation"]:
        assert not any("CONCEPT" in page for page in _pages(demo_pdfs[key])), key


def _structure(node):
    """Every structure element below `node` of the tag tree."""
    node = node.get_object()
    kids = node.get("/K")
    if kids is None:
        return
    for kid in kids if isinstance(kids, list) else [kids]:
        kid = kid.get_object() if hasattr(kid, "get_object") else kid
        if isinstance(kid, dict) and kid.get("/Type", "/StructElem") == "/StructElem":
            yield kid
            yield from _structure(kid)


def test_every_figure_in_the_tag_tree_says_what_it_shows(demo_pdfs):
    """Charts carry their figures as a text alternative (an SVG <title>, which WeasyPrint
    writes as /Alt); legend swatches are decoration (backgrounds: artifacts), not figures."""
    alternatives = {}
    for key in [DocumentKind.BRIEFING, DocumentKind.EVALUATION, "official", "official-evaluation"]:
        root = PdfReader(io.BytesIO(demo_pdfs[key])).trailer["/Root"]["/StructTreeRoot"]
        figures = [e for e in _structure(root) if e["/S"] == "/Figure"]
        assert len(figures) >= 3, key  # the logo and the charts
        assert all(str(figure.get("/Alt", "")).strip() for figure in figures), key
        alternatives[key] = [str(figure["/Alt"]) for figure in figures]
    briefing = " ".join(alternatives[DocumentKind.BRIEFING])
    assert "Invloed-belangmatrix" in briefing
    assert "Nauw betrekken: 6 belanghebbenden (steunend 4, trekker 2)" in briefing
    assert "Tevreden houden: 1 belanghebbende, minder dan 3 ingeschat: niet getoond" in briefing
    assert "Geplande fasen: Marktdialoog" in briefing
    evaluation = " ".join(alternatives[DocumentKind.EVALUATION])
    assert re.search(r"Score per evaluatiepunt: [^;]+ \d+(,\d)?;", evaluation)
    assert "geen meting" in evaluation


DEMO_EVALUATION_FACTS = [
    # 2.x.2 results per evaluation point: scores with their explanation and the chart
    "Resultaten per evaluatiepunt",
    "Gewogen score van de pilot: 74,1 / 100.",
    "Gewogen gemiddelde van 5 van de 6 punten",
    "Niet gemeten: Aandeel lokale leveranciers (De leverancier meldt zijn onderaannemers",
    "Gemeten 34 % gaat voorbij het doel 30 % (vanaf 0 %): 113,3 % van de weg, afgetopt op 100.",
    "12.500 kg",
    "Score van de pilot (gewogen)",
    # lead time against the reference of the procedure type
    "Doorlooptijd tegenover de referentie",
    "Referentiedoorlooptijd",
    "68 dagen trager",
    # phases, the late ones said in words
    "Te laat afgerond",
    # lessons, success factors, pitfalls and the conclusion
    "Een modelbestek voor refurbish bespaart weken.",
    "Succesfactoren",
    "Valkuilen",
    "Bijsturen",
    "Opschalen",
    "opschalen naar alle werkkledij van de stad",
    # the summary with the decision asked, as articles
    "Artikel 1. Het MAT neemt kennis van de evaluatie van het proeftraject",
    "De pilot “Kantoormeubilair administratief centrum” wordt bijgestuurd",
    "De pilot “Werkkledij technische diensten” wordt opgeschaald.",
    "Teruggekoppeld aan het MAT op",
    # the programme as a whole
    "Gemiddelde score van de pilots: 81,1 / 100.",
    "3 fasen te laat",
    # support and concerns since the approval, without names
    "Draagvlak doorheen de tijd",
    "De bezorgdheden van vóór de goedkeuring",
    "Nieuwe bezorgdheden sinds de goedkeuring",
    # the financial consequences: budget spent, contracts awarded against their estimates
    "€ 21.850,00 besteed van € 25.000,00",
    "€ 129.650,00 gegund tegenover € 133.000,00 geraamd",
    "€ 78.400,00",
    # recommendations with theme, status and the evaluations they rest on
    "Plan de marktdialoog en het bestek met buffer",
    "Thema: Proces · Status: Besproken",
    "Steunt op de evaluatie van: Werkkledij technische diensten (opschalen)",
]


@pytest.mark.parametrize("kind", [DocumentKind.EVALUATION, "official-evaluation"])
def test_the_demo_evaluation_report_carries_results_lead_times_lessons_and_policy(demo_pdfs, kind):
    pages = _pages(demo_pdfs[kind])
    text = _squash("\n".join(pages))
    for expected in DEMO_EVALUATION_FACTS:
        assert _squash(expected) in text, expected
    # The MAT adopted a recommendation in the meeting it received the report: today's draft
    # says so, the official version it decided on still asks for it.
    adopted = _squash("Aangenomen door het MAT") in text
    assert adopted == (kind == DocumentKind.EVALUATION)
    # The MAT decided on the report as fed back: its decision is recorded afterwards, not
    # written into the document it decided on.
    assert _squash(PROGRAMME_EVALUATION["mat_decision"]) not in text
    assert _squash("vraagt de strategische cel een ontwerp") not in text
    # Everything the demo evaluated is there: no section says "not yet available".
    assert "Nog niet beschikbaar" not in "\n".join(pages)
    # Whole numbers without decimals, in the reader's notation.
    assert "34,00" not in text
    assert "12500" not in text


@pytest.mark.parametrize("kind", [DocumentKind.EVALUATION, "official-evaluation"])
def test_the_evaluation_report_reads_in_the_order_of_a_decision_note(demo_pdfs, kind):
    pages = _pages(demo_pdfs[kind])
    contents, body = _squash(pages[1]), _squash("\n".join(pages[2:]))
    numbered = [f"{number} {title}" for number, title in enumerate(EVALUATION_SECTIONS, 1)]
    headings = [
        "Samenvatting",
        *numbered[:3],
        "3.1 De resultaten van de pilots",
        "3.2 Draagvlak en bezorgdheden sinds de goedkeuring",
        *numbered[3:],
        "Bijlagen",
        "Bijlage 1 Kantoormeubilair",
        "Bijlage 2 Werkkledij",
    ]
    for text in (contents, body):
        positions = [text.index(_squash(heading)) for heading in headings]
        assert positions == sorted(positions), text
    # The MAT decides on the report as it was fed back; its decision is recorded afterwards.
    assert "Beslissing van het MAT" not in body
    assert _squash("keurt de opschaling van de werkkledij goed en vraagt") not in body


def test_the_official_evaluation_report_is_what_the_mat_received(demo_pdfs):
    pages = _pages(demo_pdfs["official-evaluation"])
    assert not any("CONCEPT" in page for page in pages)
    assert "Versie 1" in pages[-1]
    reader = PdfReader(io.BytesIO(demo_pdfs["official-evaluation"]))
    assert reader.metadata.subject == "Officiële versie 1"


def test_the_demo_briefing_shows_each_pilots_evaluation_points(demo_pdfs):
    for kind in [DocumentKind.BRIEFING, "official"]:
        text = _squash("\n".join(_pages(demo_pdfs[kind])))
        for expected in [
            "Evaluatiepunten: nulmeting en doel",
            "Hergebruikt bestaand meubilair",
            "Circulariteit · hoger is beter",
            "Kost · lager is beter",
            "Meetmethode: TCO over tien jaar",
            "€ 120.000,00",  # a point measured in euros reads as money
            "15.000 kg",
            "Aandeel gerecycleerde vezels",
        ]:
            assert _squash(expected) in text, (kind, expected)
        assert "Nogniet" not in text.split(_squash("Evaluatiepunten: nulmeting en doel"))[1][:60]


@pytest.mark.django_db
def test_an_approved_programme_without_measurements_renders_with_notices(users):
    programme = make_programme(user=users["officer"])
    add_point(programme.pilots.first(), users["officer"])
    programme = approve(programme, users)
    pdf = render.render_pdf(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )
    text = "\n".join(_pages(pdf))
    # Per pilot: results, lead time, lessons and conclusion; then roll-up and recommendations.
    assert text.count("Nog niet beschikbaar") >= 2 * 4 + 2
    assert "De resultaten worden tijdens en na de uitvoering geregistreerd." in text
    assert "De evaluatie van de pilot is nog niet geschreven." in text
    assert "Fasen: gepland en werkelijk" in text
    context = document_context(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )
    missing = {
        section.key.split("-")[0] for section in _walk(context["sections"]) if not section.available
    }
    assert missing == {
        "results",
        "lead",
        "lessons",
        "conclusion",
        "rollup",
        "support",
        "recommendations",
    }
    briefing = document_context(
        programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="nl-be"
    )
    points = [s.data for s in _walk(briefing["sections"]) if s.key.startswith("points-")]
    assert [data is not None for data in points] == [True, False]


def _walk(sections):
    for section in sections:
        yield section
        yield from _walk(section.children)


@pytest.mark.django_db
def test_a_measured_point_fills_the_results_and_the_roll_up(users):
    programme = make_programme(user=users["officer"])
    pilot = programme.pilots.first()
    point = add_point(pilot, users["officer"])
    add_point(pilot, users["officer"], indicator="Herstel", weight=1, unit="dagen")
    programme = approve(programme, users)
    evaluation_services.measurement_add(
        point_id=point.pk,
        user=users["officer"],
        measured_on=timezone.localdate() - datetime.timedelta(days=1),
        value=Decimal("15"),
        source="Register",
    )
    context = document_context(
        programme_id=programme.pk, kind=DocumentKind.EVALUATION, language="nl-be"
    )
    # The rules keep a number and its unit together with a no-break space.
    html = render.render_html(context, language="nl-be").replace("\xa0", " ")
    assert "Gewogen score van de pilot: 50 / 100." in html
    assert "Niet gemeten: Herstel (geen reden opgegeven)" in html
    assert "Gemeten 15 %, van nulmeting 0 % naar doel 30 %: 50,0 % van de weg." in html
    assert "geen meting" in html  # in the chart, where the unmeasured point has no bar
    rollup = context["sections"][3].children[0]
    assert rollup.key == "rollup"
    assert rollup.data["rollup"].score == Decimal("50.0")
    assert rollup.data["rollup"].evaluation is None
    assert '<th scope="row">Teruggekoppeld aan het MAT op</th><td>nog niet</td>' in html


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
    pdf = render.render_pdf(programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="nl-be")
    text = "\n".join(_pages(pdf))
    assert text.count("Nog niet beschikbaar") >= 6
    assert "Er zijn nog geen pilots gekozen." in text


@pytest.mark.django_db
def test_the_requesters_language_is_used_for_a_draft(users):
    programme = make_programme(user=users["officer"])
    context = document_context(programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="en")
    html = render.render_html(context, language="en")
    assert '<html lang="en">' in html
    assert "Background and context" in html
    assert "Article 1" in html
    assert "DRAFT" in html


@pytest.mark.django_db
def test_the_cover_uses_the_municipality_s_name(users, municipality):
    Municipality.objects.filter(pk=municipality.pk).update(name="Stad Gent")
    programme = make_programme(user=users["officer"])
    context = document_context(
        programme_id=programme.pk, kind=DocumentKind.BRIEFING, language="nl-be"
    )
    assert context["organisation"] == {"name": "Stad Gent", "logo": "/static/img/logo.svg"}
