"""About 25 planned procurements of the demo city's departments, dated relative to today so
the demo never goes stale (the pilots' dossiers as the story of `core.demo_story` dates them). A dossier is recognised by its title, so re-running adds nothing."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone, translation

from core.demo import neighbours
from core.demo_story import (
    PILOT_AWARD_REQUIRED_DAYS_AGO,
    PILOT_PUBLICATION_DAYS_AGO,
    ROUND_DEADLINE_DAYS_AGO,
    ROUND_DECIDED_DAYS_AGO,
    ROUND_OPENED_DAYS_AGO,
    WAITING_AWARD_REQUIRED_IN_DAYS,
    WAITING_PUBLICATION_IN_DAYS,
)
from stakeholders.models import Department, Person

from .dossiers import services
from .models import (
    Candidate,
    CircularStrategy,
    Dossier,
    HandScore,
    RoundDepartment,
    SelectionEvent,
    SelectionRound,
    SubjectType,
)
from .selection import services as selection_services

S = Dossier.Status
T = SubjectType
W = Dossier.Willingness
V = Dossier.Visibility

# (title, department, subject, value, publication in days, award in days, visibility,
#  willingness, motivation, strategies, status, CPV, description)
DOSSIERS = [
    (
        "Kantoormeubilair administratief centrum",
        "aank",
        T.SUPPLIES,
        "85000",
        -PILOT_PUBLICATION_DAYS_AGO,
        -PILOT_AWARD_REQUIRED_DAYS_AGO,
        V.HIGH,
        W.YES,
        "Veel bestaand meubilair is nog bruikbaar; opknappen is realistisch.",
        ["R3", "R5", "R2"],
        S.PLANNED,
        "39130000-2",
        "Bureaus, stoelen en kasten voor de herinrichting van het administratief centrum.",
    ),
    (
        "Schoonmaakdiensten stadsgebouwen",
        "geb",
        T.SERVICES,
        "420000",
        120,
        240,
        V.MEDIUM,
        W.MAYBE,
        "Interesse in ecologische producten, maar het contract loopt nog.",
        ["R2"],
        S.PLANNED,
        "90910000-9",
        "Raamcontract voor de schoonmaak van 14 stadsgebouwen, 4 jaar.",
    ),
    (
        "Werkkledij technische diensten",
        "mens",
        T.SUPPLIES,
        "48000",
        -PILOT_PUBLICATION_DAYS_AGO,
        -PILOT_AWARD_REQUIRED_DAYS_AGO,
        V.HIGH,
        W.YES,
        "Vakbonden en preventieadviseur vragen duurzame kledij.",
        ["R4", "R8", "R2"],
        S.PLANNED,
        "18110000-3",
        "Werkkledij en veiligheidskledij voor 180 medewerkers, met herstel- en terugnameservice.",
    ),
    (
        "IT-hardware: laptops en schermen",
        "aank",
        T.SUPPLIES,
        "195000",
        90,
        180,
        V.MEDIUM,
        W.MAYBE,
        "Opgeknapte toestellen zijn mogelijk, IT vreest ondersteuningsproblemen.",
        ["R5", "R3"],
        S.IN_PREPARATION,
        "30200000-1",
        "Vervanging van 400 laptops en 250 schermen.",
    ),
    (
        "LED-straatverlichting woonwijken",
        "pod",
        T.WORKS,
        "680000",
        150,
        300,
        V.HIGH,
        W.MAYBE,
        "Light-as-a-service wordt onderzocht.",
        ["R1", "R2"],
        S.PLANNED,
        "34993000-4",
        "Omvorming van 1.200 lichtpunten naar LED.",
    ),
    (
        "Catering personeelsrestaurant",
        "mens",
        T.SERVICES,
        "260000",
        200,
        320,
        V.MEDIUM,
        W.NO,
        "Lopend contract tot eind volgend jaar; geen ruimte voor een pilot.",
        [],
        S.PLANNED,
        "55520000-1",
        "Catering voor het personeelsrestaurant en vergaderingen.",
    ),
    (
        "Speeltoestellen buurtparken",
        "ruim",
        T.SUPPLIES,
        "62000",
        WAITING_PUBLICATION_IN_DAYS,
        WAITING_AWARD_REQUIRED_IN_DAYS,
        V.HIGH,
        W.YES,
        "Buurtbewoners vragen natuurlijke en herbruikbare materialen.",
        ["R3", "R7", "R8"],
        S.PLANNED,
        "37535200-9",
        "Nieuwe speeltoestellen voor drie buurtparken.",
    ),
    (
        "Renovatie sporthal De Kouter",
        "geb",
        T.WORKS,
        "1850000",
        240,
        420,
        V.HIGH,
        W.MAYBE,
        "Grote opdracht met strakke subsidietermijn.",
        ["R2", "R3", "R8"],
        S.IN_PREPARATION,
        "45453000-7",
        "Energetische renovatie van de sporthal met hergebruik van materialen.",
    ),
    (
        "Kopieerpapier en enveloppen",
        "aank",
        T.SUPPLIES,
        "24000",
        30,
        60,
        V.LOW,
        W.YES,
        "",
        ["R8"],
        S.PLANNED,
        "30197630-1",
        "Jaarlijkse levering van papierwaren.",
    ),
    (
        "Dienstvoertuigen: elektrische bestelwagens",
        "pod",
        T.SUPPLIES,
        "310000",
        100,
        220,
        V.HIGH,
        W.MAYBE,
        "Leasing in plaats van aankoop wordt bekeken.",
        ["R1", "R2"],
        S.PLANNED,
        "34100000-8",
        "Zes elektrische bestelwagens voor de technische uithoek.",
    ),
    (
        "Groenonderhoud begraafplaatsen",
        "ruim",
        T.SERVICES,
        "135000",
        50,
        120,
        V.LOW,
        W.YES,
        "Maaisel kan gecomposteerd worden.",
        ["R8", "R9"],
        S.PLANNED,
        "77310000-6",
        "Onderhoud van groen op vijf begraafplaatsen.",
    ),
    (
        "Herinrichting jeugdhuis",
        "mens",
        T.WORKS,
        "240000",
        130,
        260,
        V.MEDIUM,
        W.YES,
        "Jongeren willen zelf mee hergebruik organiseren.",
        ["R3", "R7"],
        S.PLANNED,
        "45214000-0",
        "Interieurwerken en herinrichting van het jeugdhuis.",
    ),
    (
        "Afvalinzameling stadsgebouwen",
        "geb",
        T.SERVICES,
        "98000",
        80,
        170,
        V.LOW,
        W.MAYBE,
        "",
        ["R8"],
        S.PLANNED,
        "90511000-2",
        "Inzameling en verwerking van bedrijfsafval.",
    ),
    (
        "Bureaustoelen ergonomie",
        "mens",
        T.SUPPLIES,
        "28500",
        20,
        55,
        V.LOW,
        W.YES,
        "Opgeknapte stoelen testen met preventiedienst.",
        ["R5", "R4"],
        S.MARKET_CONSULTATION,
        "39113000-7",
        "Ergonomische stoelen voor medewerkers met medisch advies.",
    ),
    (
        "Straatmeubilair centrum",
        "pod",
        T.SUPPLIES,
        "155000",
        110,
        210,
        V.HIGH,
        W.YES,
        "Zitbanken uit gerecycleerd materiaal zijn beschikbaar.",
        ["R8", "R3"],
        S.PLANNED,
        "34928400-2",
        "Zitbanken, fietsrekken en vuilnisbakken voor het centrum.",
    ),
    (
        "Onderhoud liften",
        "geb",
        T.SERVICES,
        "72000",
        35,
        90,
        V.LOW,
        W.NO,
        "Technisch contract met weinig circulaire ruimte.",
        [],
        S.PUBLISHED,
        "50750000-7",
        "Onderhoud en keuring van 22 liften.",
    ),
    (
        "Evenementenmateriaal (tenten en podia)",
        "ruim",
        T.SUPPLIES,
        "58000",
        70,
        140,
        V.MEDIUM,
        W.YES,
        "Delen met buurgemeenten binnen de regio.",
        ["R1", "R3"],
        S.PLANNED,
        "39522530-1",
        "Tenten, podiumelementen en nadars voor evenementen.",
    ),
    (
        "Studieopdracht circulair bouwen",
        "strat",
        T.SERVICES,
        "45000",
        40,
        100,
        V.MEDIUM,
        W.YES,
        "",
        ["R1", "R2"],
        S.PLANNED,
        "71241000-9",
        "Studie naar circulaire criteria voor bouwprojecten.",
    ),
    (
        "Verlichting stadskantoor",
        "geb",
        T.SUPPLIES,
        "36000",
        55,
        115,
        V.LOW,
        W.MAYBE,
        "",
        ["R2"],
        S.PLANNED,
        "31500000-1",
        "Vervanging van verlichtingsarmaturen.",
    ),
    (
        "Drukwerk stadsmagazine",
        "strat",
        T.SERVICES,
        "64000",
        25,
        70,
        V.MEDIUM,
        W.NO,
        "Digitaal magazine wordt eerst onderzocht.",
        [],
        S.AWARDED,
        "79810000-5",
        "Druk en verspreiding van het stadsmagazine.",
    ),
    (
        "Heraanleg schoolomgeving",
        "pod",
        T.WORKS,
        "520000",
        160,
        330,
        V.HIGH,
        W.MAYBE,
        "Hergebruik van kasseien en boordstenen is mogelijk.",
        ["R3", "R8"],
        S.PLANNED,
        "45233000-9",
        "Verkeersveilige heraanleg van twee schoolomgevingen.",
    ),
    (
        "Keukenapparatuur kinderopvang",
        "mens",
        T.SUPPLIES,
        "19500",
        25,
        65,
        V.LOW,
        W.YES,
        "",
        ["R5"],
        S.PLANNED,
        "39220000-0",
        "Professionele keukentoestellen voor twee kinderdagverblijven.",
    ),
    (
        "Zonnepanelen stadsmagazijn",
        "geb",
        T.WORKS,
        "210000",
        140,
        270,
        V.HIGH,
        W.YES,
        "Terugnamegarantie van panelen als gunningscriterium.",
        ["R2", "R6"],
        S.PLANNED,
        "09331200-0",
        "Plaatsing van zonnepanelen op het dak van het stadsmagazijn.",
    ),
    (
        "Telefonie en netwerkapparatuur",
        "aank",
        T.SUPPLIES,
        "175000",
        180,
        300,
        V.LOW,
        W.NO,
        "Beveiligingsvereisten laten opgeknapte toestellen niet toe.",
        [],
        S.PLANNED,
        "32400000-7",
        "Netwerkswitches en vaste telefonie.",
    ),
    (
        "Textiel voor kinderopvang",
        "mens",
        T.SUPPLIES,
        "14000",
        15,
        45,
        V.LOW,
        W.MAYBE,
        "",
        ["R3"],
        S.CANCELLED,
        "39500000-7",
        "Lakens, handdoeken en slabbetjes.",
    ),
]


def seed(*, stdout):
    today = timezone.localdate()
    author = get_user_model().objects.get(username="inkoper")
    departments = {d.code: d for d in Department.objects.all()}
    heads = {d.code: d.head for d in Department.objects.select_related("head")}
    strategies = {s.code: s for s in CircularStrategy.objects.all()}
    existing = set(Dossier.objects.values_list("title", flat=True))
    created = 0
    for (
        title,
        dept,
        subject,
        value,
        publication,
        award,
        visibility,
        willingness,
        motivation,
        codes,
        status,
        cpv,
        description,
    ) in DOSSIERS:
        if title in existing:
            continue
        services.dossier_create(
            user=author,
            title=title,
            department=departments[dept],
            owner=heads.get(dept) or Person.objects.filter(user=author).first(),
            subject_type=subject,
            estimated_value=Decimal(value),
            planned_publication_date=today + datetime.timedelta(days=publication),
            required_award_date=today + datetime.timedelta(days=award),
            visibility=visibility,
            willingness=willingness,
            willingness_motivation=motivation,
            status=status,
            cpv_code=cpv,
            description=description,
            circular_strategies=[strategies[code] for code in codes],
        )
        created += 1
    stdout.write(f"  procurement: {created} dossiers added, {len(existing)} already present")
    seed_selection_round(stdout=stdout)
    seed_joint_procurement(stdout=stdout)


# --- The inventory round that chose the two pilots ------------------------------------------

ROUND_TITLE = "Inventaris circulaire proeftrajecten"
ROUND_QUESTION = (
    "Welke overheidsopdrachten plant jullie dienst de komende twee jaar, en zijn jullie bereid "
    "om ze circulair aan te besteden? Voeg bestaande dossiers toe of registreer nieuwe, en "
    "motiveer per dossier jullie bereidheid."
)
W_ = Dossier.Willingness

# department code -> (days after the deadline the answer was completed, or None; note)
ANSWERS = {
    "aank": (-6, "Alle geplande aankopen van de dienst zijn opgenomen."),
    "mens": (-2, ""),
    "geb": (4, "Laat door de jaarplanning van het patrimonium."),
    "ruim": (9, "Na herinnering aangevuld."),
    "strat": (-10, "Geen eigen opdrachten die zich lenen tot een proeftraject."),
    "pod": (None, ""),
    "fin": (None, ""),
}

# dossier title -> (willingness, motivation, local preference, learning score, comment)
CANDIDATES = {
    "Kantoormeubilair administratief centrum": (
        W_.YES,
        "Veel bestaand meubilair is nog bruikbaar; opknappen is realistisch.",
        False,
        5,
        "Herbruikbaar voor elke volgende inrichting; de markt voor opgeknapt meubilair is rijp.",
    ),
    "IT-hardware: laptops en schermen": (
        W_.MAYBE,
        "IT vreest ondersteuningsproblemen met opgeknapte toestellen.",
        False,
        3,
        "Interessant, maar ondersteuning en garantie moeten eerst uitgeklaard.",
    ),
    "Kopieerpapier en enveloppen": (
        W_.YES,
        "Eenvoudig, al grotendeels gerecycleerd papier.",
        False,
        1,
        "Weinig nieuw te leren: gerecycleerd papier is al de norm.",
    ),
    "Telefonie en netwerkapparatuur": (
        W_.NO,
        "Lopend raamcontract van de centrale aankoopcentrale; geen ruimte.",
        False,
        1,
        "Via de aankoopcentrale: de stad bepaalt de voorwaarden niet zelf.",
    ),
    "Werkkledij technische diensten": (
        W_.YES,
        "Vakbonden en preventieadviseur vragen duurzame kledij.",
        False,
        5,
        "Herstel- en terugnameservice is meetbaar en zichtbaar voor 180 medewerkers.",
    ),
    "Catering personeelsrestaurant": (
        W_.NO,
        "Lopend contract tot eind volgend jaar; geen ruimte voor een pilot.",
        True,
        2,
        "Lokale leveranciers zijn een wens van het personeel, circulair weinig ruimte.",
    ),
    "Herinrichting jeugdhuis": (
        W_.YES,
        "Het jeugdhuis wil zelf meewerken aan hergebruik.",
        False,
        3,
        "Mooi verhaal, maar veel partijen en een krappe bouwplanning.",
    ),
    "Bureaustoelen ergonomie": (
        W_.YES,
        "Marktconsultatie loopt al.",
        False,
        2,
        "Overlapt met het kantoormeubilair; beter daarin opnemen.",
    ),
    "Keukenapparatuur kinderopvang": (
        W_.YES,
        "",
        False,
        2,
        "Klein en snel, maar weinig zichtbaar.",
    ),
    "Schoonmaakdiensten stadsgebouwen": (
        W_.MAYBE,
        "Interesse in ecologische producten, maar het contract loopt nog.",
        True,
        3,
        "Sociale economie en lokale schoonmaakbedrijven wegen hier zwaar.",
    ),
    "Renovatie sporthal De Kouter": (
        W_.MAYBE,
        "Circulair bouwen is interessant maar het budget is krap.",
        False,
        2,
        "Te groot en te risicovol als eerste proeftraject.",
    ),
    "Afvalinzameling stadsgebouwen": (
        W_.MAYBE,
        "",
        False,
        2,
        "Recyclage is de laagste trede; beperkte leerwaarde.",
    ),
    "Zonnepanelen stadsmagazijn": (
        W_.YES,
        "Terugname van panelen aan het einde van de levensduur is bespreekbaar.",
        False,
        3,
        "Goede kandidaat voor een volgende ronde, wanneer de dakrenovatie beslist is.",
    ),
    "Speeltoestellen buurtparken": (
        W_.YES,
        "Buurtbewoners vragen hergebruik van de oude toestellen.",
        False,
        3,
        "Zichtbaar, maar de veiligheidskeuring van hergebruikte toestellen is onzeker.",
    ),
    "Groenonderhoud begraafplaatsen": (
        W_.YES,
        "Lokale groenbedrijven kennen de site.",
        True,
        2,
        "Weinig circulaire hefboom behalve compostering.",
    ),
    "Evenementenmateriaal (tenten en podia)": (
        W_.YES,
        "Delen met buurgemeenten is een optie.",
        False,
        3,
        "Deelplatform met buurgemeenten vraagt eerst een samenwerkingsakkoord.",
    ),
    "LED-straatverlichting woonwijken": (
        W_.MAYBE,
        "Light-as-a-service wordt onderzocht.",
        False,
        4,
        "Sterk leerpotentieel, maar groot en lange doorlooptijd.",
    ),
    "Straatmeubilair centrum": (
        W_.YES,
        "",
        False,
        3,
        "Antwoord nog niet afgerond door de dienst.",
    ),
}

SELECTED = {
    "Kantoormeubilair administratief centrum": (
        "Hoogste totaal: klein, zichtbaar voor alle medewerkers, een bereide dienst en "
        "opknappen (R5) en hergebruik (R3) die de markt al aanbiedt."
    ),
    "Werkkledij technische diensten": (
        "Kleine opdracht met herstel (R4) en terugname, gedragen door vakbonden en "
        "preventieadviseur; het resultaat is voor 180 medewerkers zichtbaar."
    ),
}


def seed_selection_round(*, stdout):
    if SelectionRound.objects.filter(title=ROUND_TITLE).exists():
        stdout.write("  procurement: selection round already present")
        return
    now = timezone.now()
    officer = get_user_model().objects.get(username="inkoper")
    selection_round = _round_opened(officer=officer, now=now)
    _candidates_seed(selection_round, officer=officer)
    _answers_seed(selection_round, officer=officer)
    _round_decided(selection_round, officer=officer, now=now)
    stdout.write(f"  procurement: selection round with {len(CANDIDATES)} candidates, 2 selected")


def _round_opened(*, officer, now) -> SelectionRound:
    """The round as procurement opened it weeks ago, asking every department."""
    deadline = timezone.localdate() - datetime.timedelta(days=ROUND_DEADLINE_DAYS_AGO)
    selection_round = SelectionRound.objects.create(
        title=ROUND_TITLE, question=ROUND_QUESTION, deadline=deadline, created_by=officer
    )
    SelectionRound.objects.filter(pk=selection_round.pk).update(
        created_at=now - datetime.timedelta(days=ROUND_OPENED_DAYS_AGO)
    )
    RoundDepartment.objects.bulk_create(
        RoundDepartment(round=selection_round, department=d) for d in Department.objects.all()
    )
    # The criteria's names are stored in the city's language, whatever the command runs in.
    with translation.override("nl-be"):
        selection_services.criteria_copy_defaults(selection_round=selection_round)
    return selection_round


def _candidates_seed(selection_round: SelectionRound, *, officer) -> None:
    """The dossiers the departments put forward, each with its learning value scored by hand."""
    learning = selection_round.criteria.hand().get()
    dossiers = {d.title: d for d in Dossier.objects.filter(title__in=CANDIDATES)}
    for title, (willingness, motivation, local, score, comment) in CANDIDATES.items():
        candidate = Candidate.objects.create(
            round=selection_round,
            dossier=dossiers[title],
            willingness=willingness,
            motivation=motivation,
            local_preference=local,
            added_by=officer,
        )
        HandScore.objects.create(
            candidate=candidate,
            criterion=learning,
            score=score,
            comment=comment,
            scored_by=officer,
        )


def _answers_seed(selection_round: SelectionRound, *, officer) -> None:
    """Where each department's answer stands: complete before or after the deadline, in
    progress, or not begun."""
    departments = {d.code: d for d in Department.objects.all()}
    answered = set(selection_round.candidates.values_list("dossier__department__code", flat=True))
    for code, (days_after, note) in ANSWERS.items():
        invitation = RoundDepartment.objects.get(
            round=selection_round, department=departments[code]
        )
        if days_after is None:
            status = (
                RoundDepartment.AnswerStatus.IN_PROGRESS
                if code in answered
                else RoundDepartment.AnswerStatus.NOT_ANSWERED
            )
            invitation.answer_status = status
            invitation.save(update_fields=["answer_status"])
            continue
        invitation.answer_status = RoundDepartment.AnswerStatus.COMPLETE
        invitation.answer_note = note
        invitation.completed_by = officer if code not in ("geb",) else None
        invitation.completed_at = timezone.make_aware(
            datetime.datetime.combine(
                selection_round.deadline + datetime.timedelta(days=days_after),
                datetime.time(10, 0),
            )
        )
        invitation.save(
            update_fields=["answer_status", "answer_note", "completed_by", "completed_at"]
        )


def _round_decided(selection_round: SelectionRound, *, officer, now) -> None:
    """The two pilots selected and the round decided, some days ago."""
    for candidate in selection_round.candidates.select_related("dossier"):
        rationale = SELECTED.get(candidate.dossier.title)
        if rationale:
            selection_services.candidate_outcome_set(
                user=officer,
                candidate_id=candidate.pk,
                outcome=Candidate.Outcome.SELECTED,
                rationale=rationale,
            )
    selection_services.round_decide(
        user=officer,
        round_id=selection_round.pk,
        rationale=(
            "Twee kleine, zichtbare opdrachten met een bereide dienst als eerste proeftrajecten, "
            "te gunnen binnen het jaar; de speeltoestellen volgen in een tweede proeftraject, "
            "de grotere kandidaten in een volgende ronde."
        ),
        rest_rationale=(
            "Niet gekozen voor het eerste proeftraject: groter, minder bereid of gepland voor "
            "een volgend proeftraject (zie de rangschikking)."
        ),
    )
    decided_at = now - datetime.timedelta(days=ROUND_DECIDED_DAYS_AGO)
    SelectionRound.objects.filter(pk=selection_round.pk).update(decided_at=decided_at)
    # The decision as it was kept (what the programme's briefing shows) dates from then too.
    event = selection_round.events.get(kind=SelectionEvent.Kind.DECIDED)
    snapshot = {**event.snapshot, "decided_at": decided_at.isoformat()}
    SelectionEvent.objects.filter(pk=event.pk).update(at=decided_at, snapshot=snapshot)


# --- A joint procurement the city leads for its two neighbours -----------------------------

JOINT_TITLE = "Gezamenlijke aankoop circulaire kantoormeubelen"
JOINT_OWN_VALUE = Decimal("110000")
# The neighbours' shares by NIS code. Alone the city would stay under the EU threshold;
# together the purchase crosses it, so the suggestion is the open procedure.
JOINT_SHARES = {"99001": Decimal("65000"), "99002": Decimal("55000")}


def seed_joint_procurement(*, stdout):
    """One dossier the city (the active scope) leads on behalf of the two neighbouring
    municipalities; the neighbours see it read only in their register."""
    officer = get_user_model().objects.get(username="inkoper")
    dossier = Dossier.objects.filter(title=JOINT_TITLE).first()
    if dossier is None:
        today = timezone.localdate()
        dossier = services.dossier_create(
            user=officer,
            title=JOINT_TITLE,
            department=Department.objects.get(code="aank"),
            owner=Person.objects.filter(user=officer).first(),
            subject_type=SubjectType.SUPPLIES,
            estimated_value=JOINT_OWN_VALUE,
            planned_publication_date=today + datetime.timedelta(days=90),
            required_award_date=today + datetime.timedelta(days=200),
            visibility=V.HIGH,
            willingness=W.YES,
            willingness_motivation="Samen met de buurgemeenten: één raamcontract, meer hergebruik.",
            status=S.IN_PREPARATION,
            cpv_code="39130000-2",
            description=(
                "Raamovereenkomst voor gereviseerd en hergebruikt kantoormeubilair, met "
                "terugname aan het einde van de levensduur, voor de stad en de gemeenten "
                "Oostdorp en Westveld."
            ),
            circular_strategies=list(CircularStrategy.objects.filter(code__in=["R3", "R5"])),
        )
    taken = set(dossier.participations.values_list("municipality__nis_code", flat=True))
    for municipality in neighbours():
        if municipality.nis_code in taken or municipality.nis_code not in JOINT_SHARES:
            continue
        services.participation_add(
            user=officer,
            dossier_id=dossier.pk,
            municipality=municipality,
            share=JOINT_SHARES[municipality.nis_code],
        )
    stdout.write(f"  procurement: joint dossier {dossier.reference} with the neighbours")
