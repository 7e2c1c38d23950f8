"""The whole story in a real browser, each person in their own browser: the procurement
officer opens an inventory round, department staff answer it, the candidates are scored and
selected; the officer drafts the programme from the round, the financial director asks for
changes with a reason, the officer makes version 2, the chain approves it up to the MAT with
its briefing; then the phases and measurements, the evaluation and its report, the
recommendation and the draft policy. Every page on the way is checked with axe at 1366 and
375 px. Selectors go by role and label, as the people read the pages."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pilots.models import Decision, Measurement, PilotEvaluation, PolicyRecommendation, Programme
from tests.e2e.conftest import pick
from tests.tasks import run_worker_once

ROUND = "Inventaris circulaire werkkledij 2027"
PROGRAMME = "Proeftraject circulaire werkkledij 2027"
REASON = "Het budget mist de kosten van de marktdialoog."
RECOMMENDATION = "Terugname van zonnepanelen standaard in het bestek"


def nav(page, name):
    """A link of the main navigation, whatever count or badge it carries after its name."""
    page.get_by_role("navigation", name="Hoofdnavigatie").get_by_role(
        "link", name=re.compile("^" + re.escape(name) + r"\b")
    ).click()


def run_round(as_role, base, axe):
    """The officer opens a round, Gebouwen answers, the officer scores, selects, decides."""
    officer = as_role("inkoper")
    nav(officer, "Selectie")
    expect(officer.get_by_role("heading", name="Selectierondes", level=1)).to_be_visible()
    axe.check(officer)
    officer.get_by_role("link", name="Een ronde openen").click()
    officer.get_by_label("Titel").fill(ROUND)
    officer.get_by_label("Vraag aan de diensten").fill("Welke opdrachten plan je volgend jaar?")
    deadline = timezone.localdate() + datetime.timedelta(days=14)
    officer.get_by_label("Uiterste antwoorddatum").fill(deadline.isoformat())
    axe.check(officer)
    officer.get_by_role("button", name="Ronde openen").click()
    expect(officer.get_by_role("heading", name=ROUND, level=1)).to_be_visible()
    expect(officer.get_by_text("Niet beantwoord").first).to_be_visible()
    round_url = officer.url
    axe.check(officer)

    staff = as_role("gebouwen")
    nav(staff, "Selectie")
    # The round asks Gebouwen for an answer: the page leads straight to it.
    staff.get_by_role("link", name=ROUND).first.click()
    axe.check(staff)
    pick(staff, "Bestaand dossier", "Zonnepanelen")
    staff.get_by_label("Bereid om circulair aan te besteden").select_option("yes")
    staff.get_by_label("Motivering").fill("Terugname van de panelen is bespreekbaar.")
    staff.get_by_role("button", name="Aan het antwoord toevoegen").click()
    expect(staff.get_by_text("Dossier aan het antwoord toegevoegd.")).to_be_visible()
    staff.get_by_role("link", name="Antwoord als volledig markeren").click()
    axe.check(staff)
    staff.get_by_role("button", name="Antwoord als volledig markeren").click()
    expect(staff.get_by_text("Bedankt: het antwoord is volledig.")).to_be_visible()

    officer.goto(round_url)
    expect(officer.get_by_text("Volledig").first).to_be_visible()
    officer.get_by_role("link", name="Rangschikking").first.click()
    officer.get_by_text("Hoe dit totaal tot stand kwam").first.click()
    expect(officer.get_by_role("rowheader", name="Lage tijdsdruk").first).to_be_visible()
    axe.check(officer)
    officer.get_by_role("link", name="Scoren en beslissen").first.click()
    officer.get_by_label("Leerwaarde: score (0–5)").fill("4")
    officer.get_by_role("button", name="Scores opslaan").click()
    expect(officer.get_by_text("Scores opgeslagen.")).to_be_visible()
    axe.check(officer)
    outcome = officer.get_by_role("region", name="Uitkomst")
    outcome.get_by_label("Uitkomst").select_option(label="Geselecteerd")
    outcome.get_by_label("Motivering").fill("Zichtbaar, en de dienst is bereid.")
    outcome.get_by_role("button", name="Uitkomst vastleggen").click()
    expect(officer.get_by_text("Uitkomst vastgelegd.")).to_be_visible()
    officer.goto(round_url)
    officer.get_by_role("link", name="De selectie beslissen").click()
    axe.check(officer)
    officer.get_by_label("Motivering van de beslissing").fill("Eén proeftraject dit jaar.")
    # Before the deadline, with departments still answering: deciding asks for a tick.
    officer.get_by_label("Ik beslis zonder de antwoorden die nog komen").check()
    officer.get_by_role("button", name="Beslissen en de ronde afsluiten").click()
    expect(
        officer.get_by_text("Over de selectie is beslist en de ronde is afgesloten.")
    ).to_be_visible()
    selected = officer.get_by_role("heading", name="Geselecteerde proeftrajecten")
    expect(selected).to_be_visible()
    axe.check(officer)
    return round_url


def draft_programme(as_role, base, axe):
    """The officer drafts the programme from the decided round and submits it."""
    officer = as_role("inkoper")
    nav(officer, "Programma's")
    axe.check(officer)
    officer.get_by_role("link", name="Nieuw programma").click()
    officer.get_by_role("link", name=re.compile(ROUND)).click()
    officer.get_by_label("Titel").fill(PROGRAMME)
    officer.get_by_label("Doel").fill("Zonnepanelen met terugname door de leverancier.")
    officer.get_by_label("Budget", exact=True).fill("40000")
    axe.check(officer)
    officer.get_by_role("button", name="Opslaan").click()
    expect(officer.get_by_role("heading", name=PROGRAMME, level=1)).to_be_visible()
    expect(officer.get_by_role("link", name=re.compile("Zonnepanelen"))).not_to_have_count(0)
    axe.check(officer)
    return officer.url


def add_evaluation_point(officer, axe):
    officer.get_by_role("button", name="Evaluatiepunt toevoegen").click()
    officer.get_by_role("link", name="Aandeel hergebruikt of gerecycleerd materiaal").click()
    expect(officer.get_by_label("Indicator")).not_to_have_value("")
    officer.get_by_label("Nulmeting").fill("10")
    officer.get_by_role("spinbutton", name=re.compile(r"^Doel")).fill("60")
    axe.check(officer)
    officer.get_by_role("button", name="Opslaan").click()
    expect(officer.get_by_role("alert")).to_be_visible()


def submit(officer, axe, version):
    officer.get_by_role("link", name="Indienen ter goedkeuring").click()
    expect(
        officer.get_by_role("heading", name=f"Versie {version} indienen ter goedkeuring")
    ).to_be_visible()
    axe.check(officer)
    officer.get_by_role("button", name="Indienen ter goedkeuring").click()
    expect(officer.get_by_text(f"In goedkeuring · versie {version}")).to_be_visible()


def open_programme(page):
    nav(page, "Programma's")
    page.get_by_role("link", name=PROGRAMME).click()
    expect(page.get_by_role("heading", name=PROGRAMME, level=1)).to_be_visible()


def changes_requested_then_version_2(as_role, base, axe):
    officer = as_role("inkoper")
    officer.get_by_role("link", name="Zonnepanelen stadsmagazijn", exact=True).click()
    axe.check(officer)
    add_evaluation_point(officer, axe)
    open_programme(officer)
    submit(officer, axe, 1)
    axe.check(officer)

    director = as_role("financieel-directeur")
    open_programme(director)
    axe.check(director)
    director.get_by_role("link", name=re.compile("^Beslissen")).first.click()
    axe.check(director)
    director.get_by_label("Wijzigingen gevraagd").check()
    director.get_by_label("Motivering").fill(REASON)
    pick(director, "Mee gevalideerd door", "Marc Janssens")
    director.get_by_role("button", name="Beslissing registreren").click()
    expect(director.get_by_role("heading", name=PROGRAMME, level=1)).to_be_visible()
    expect(director.get_by_text(REASON).first).to_be_visible()

    open_programme(officer)
    expect(officer.get_by_text(REASON).first).to_be_visible()
    officer.get_by_role("link", name="Bewerken").first.click()
    axe.check(officer)
    officer.get_by_label("Budget", exact=True).fill("46000")
    officer.get_by_label("Wat het budget van het programma betaalt").fill(
        "De marktdialoog (6.000 euro) en de begeleiding van de pilot."
    )
    officer.get_by_role("button", name="Opslaan").click()
    expect(officer.get_by_role("heading", name=PROGRAMME, level=1)).to_be_visible()
    submit(officer, axe, 2)


def decide(page, axe, link="Beslissen", outcome=None, fields=(), co_validator=None):
    """Opens the programme as the person of the stage waiting, decides it and is back on it."""
    open_programme(page)
    page.get_by_role("link", name=link, exact=True).click()
    axe.check(page)
    if outcome:
        page.get_by_label(outcome, exact=True).check()
    for label, text in fields:
        page.get_by_label(label).fill(text)
    if co_validator:
        pick(page, "Mee gevalideerd door", co_validator)
    page.get_by_role("button", name=re.compile("registreren$")).click()
    expect(page.get_by_role("heading", name=PROGRAMME, level=1)).to_be_visible()


def approval_chain(as_role, base, axe, run_worker):
    """Version 2 goes through the chain up to the MAT; the briefing is what the MAT reads."""
    decide(
        as_role("financieel-directeur"), axe, outcome="Goedgekeurd", co_validator="Marc Janssens"
    )
    advice = [
        ("Communicatieadvies aan het MAT", "Kort toelichten op het MAT van december."),
        ("Advies over opschaling", "Opschalen naar alle daken als de terugname werkt."),
    ]
    decide(as_role("strategische-cel"), axe, link="Advies geven", fields=advice)
    mat = as_role("mat")
    open_programme(mat)
    # The briefing is made in the background; the MAT decides once it is there.
    expect(mat.get_by_role("status")).to_contain_text("De briefing wordt nog opgemaakt")
    run_worker()
    mat.get_by_role("region", name="Documenten").get_by_role("link", name="voorbeeld").first.click()
    expect(mat.get_by_role("heading", name=re.compile("MAT-briefing"))).to_be_visible()
    axe.check(mat)
    decide(
        mat,
        axe,
        outcome="Goedgekeurd",
        fields=[
            ("Voorwaarden", "Terugkoppeling van de evaluatie binnen het jaar."),
            ("Datum van de vergadering", timezone.localdate().isoformat()),
        ],
    )
    expect(mat.get_by_text("Goedgekeurd · versie 2")).to_be_visible()


PILOT = "Zonnepanelen stadsmagazijn"


def execution_and_evaluation(as_role, base, axe):
    """The officer records the phases and a measurement, evaluates the pilot and the
    programme, and reads the evaluation report."""
    officer = as_role("inkoper")
    open_programme(officer)
    officer.get_by_role("region", name="Pilots").get_by_role("link", name=PILOT).first.click()
    officer.get_by_role("link", name="Werkelijke datums registreren").click()
    axe.check(officer)
    today = timezone.localdate()
    officer.get_by_label("Marktdialoog: werkelijke start").fill(
        (today - datetime.timedelta(days=20)).isoformat()
    )
    officer.get_by_label("Marktdialoog: werkelijk einde").fill(
        (today - datetime.timedelta(days=5)).isoformat()
    )
    officer.get_by_role("button", name="Opslaan").click()
    schedule = officer.get_by_role("region", name="Fasen en doorlooptijd")
    expect(schedule.get_by_role("row", name=re.compile("^Marktdialoog")).first).to_be_visible()
    axe.check(officer)

    results = officer.get_by_role("region", name="Evaluatiepunten en scores")
    results.get_by_role("link", name="Aandeel hergebruikt of gerecycleerd materiaal").click()
    axe.check(officer)
    officer.get_by_label("Datum").fill(today.isoformat())
    officer.get_by_label("Waarde (%)").fill("35")
    officer.get_by_label("Bron").fill("Terugnamebonnen")
    officer.get_by_role("button", name="Meting toevoegen").click()
    expect(officer.get_by_text("Meting toegevoegd.")).to_be_visible()
    expect(officer.get_by_text("50,0 % van de weg")).to_be_visible()
    axe.check(officer)

    officer.get_by_role("navigation", name="Kruimelpad").get_by_role("link", name=PILOT).click()
    officer.get_by_role("link", name="Evaluatie registreren").click()
    officer.get_by_label("Samenvatting").fill("De leverancier nam de helft van de panelen terug.")
    officer.get_by_label("Opschalen").check()
    officer.get_by_label("Motivering van de conclusie").fill("Terugname werkt; breder inzetten.")
    axe.check(officer)
    officer.get_by_role("button", name="Evaluatie opslaan").click()
    expect(officer.get_by_text("Evaluatie opgeslagen.")).to_be_visible()

    open_programme(officer)
    documents = officer.get_by_role("region", name="Documenten")
    documents.get_by_role("link", name="voorbeeld").nth(1).click()
    expect(officer.get_by_role("heading", name=re.compile("Evaluatierapport"))).to_be_visible()
    expect(officer.get_by_role("main")).to_contain_text("Terugname werkt; breder inzetten.")
    axe.check(officer)


def recommendation_and_policy(as_role, base, axe):
    """The strategic cell turns the evaluation into a recommendation; the draft policy
    carries it under its theme."""
    cell = as_role("strategische-cel")
    nav(cell, "Beleid")
    axe.check(cell)
    cell.get_by_role("link", name="Nieuwe aanbeveling").click()
    cell.get_by_label("Thema").select_option(label="Circulair")
    cell.get_by_label("Verantwoordelijke").select_option(label="Aankoper")
    pick(cell, "Programma", PROGRAMME)
    cell.get_by_label("Aanbeveling").fill(RECOMMENDATION)
    cell.get_by_label("Toelichting").fill("De pilot toont dat terugname haalbaar is.")
    cell.get_by_label(re.compile(PILOT)).check()
    axe.check(cell)
    cell.get_by_role("button", name="Opslaan").click()
    expect(cell.get_by_role("heading", name=RECOMMENDATION)).to_be_visible()
    axe.check(cell)
    nav(cell, "Beleid")
    expect(
        cell.get_by_role("heading", name=re.compile("Strategisch aankoopbeleid"))
    ).to_be_visible()
    expect(cell.get_by_role("region", name="1. Circulair")).to_contain_text(RECOMMENDATION)
    axe.check(cell)


def journey(as_role, base, axe, run_worker):
    run_round(as_role, base, axe)
    draft_programme(as_role, base, axe)
    changes_requested_then_version_2(as_role, base, axe)
    approval_chain(as_role, base, axe, run_worker)
    execution_and_evaluation(as_role, base, axe)
    recommendation_and_policy(as_role, base, axe)


@pytest.mark.django_db(transaction=True)
def test_from_an_inventory_round_to_the_policy(demo_data, as_role, live_server, axe):
    journey(as_role, live_server.url, axe, lambda: run_worker_once(worker_id="e2e"))

    programme = Programme.objects.get(title=PROGRAMME)
    assert programme.status == Programme.Status.APPROVED
    assert programme.revision_number == 2
    sent_back = Decision.objects.get(programme=programme, revision__number=1)
    assert (sent_back.outcome, sent_back.motivation) == ("changes_requested", REASON)
    assert Measurement.objects.filter(point__pilot__programme=programme).count() == 1
    assert PilotEvaluation.objects.get(pilot__programme=programme).conclusion == "scale_up"
    assert PolicyRecommendation.objects.filter(title=RECOMMENDATION, programme=programme).exists()
    axe.assert_clean()
