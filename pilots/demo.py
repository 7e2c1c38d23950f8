"""The seed story's pilot programme, walked through the whole approval chain, and a second
programme waiting for the financial director. A programme is recognised by its title, so
re-running adds nothing."""

import datetime
import itertools
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.formats import date_format

from core.demo_story import (
    CELL_ADVISED_DAYS_AGO,
    DIRECTOR_DECIDED_DAYS_AGO,
    MAT_MEETING_DAYS_AGO,
    PROGRAMME_STARTED_DAYS_AGO,
    PROGRAMME_SUBMITTED_DAYS_AGO,
    WAITING_STARTS_IN_DAYS,
)
from procurement.dossiers import services as procurement_services
from procurement.models import Dossier
from stakeholders.demo import seed_support_for
from stakeholders.models import Organisation

from .advice import demo as advice_demo
from .approval import services
from .documents import services as document_services
from .evaluation import services as evaluation_services
from .execution import services as execution_services
from .models import (
    DocumentKind,
    EvaluationPointTemplate,
    LegalBasis,
    MarketDialogue,
    Measurement,
    Outcome,
    PilotEvaluation,
    PolicyRecommendation,
    Programme,
    ProgrammeEvaluation,
    Revision,
    RevisionStage,
)
from .policy import services as policy_services

APPROVED_TITLE = "Proeftraject circulair aankopen"
# The approved programme has run its course: its pilots are executed and evaluated, and the
# evaluation has gone back to the MAT (see seed_evaluation).
WAITING_TITLE = "Proeftraject circulaire speelruimte"

PILOT_TEXTS = {
    "Werkkledij technische diensten": (
        "Werkkledij en veiligheidskledij voor de technische diensten (180 medewerkers). Binnen "
        "de pilot: herstelservice, terugname van afgedankte kledij en gerecycleerde vezels. "
        "Buiten de pilot: persoonlijke beschermingsmiddelen met een CE-keuring die hergebruik "
        "uitsluit.",
        "Minstens 30 % gerecycleerde vezels; 80 % van de afgedankte kledij teruggenomen; "
        "herstel binnen vijf werkdagen; de draagtevredenheid minstens gelijk aan vandaag.",
    ),
    "Kantoormeubilair administratief centrum": (
        "Herinrichting van het administratief centrum. Eerst wat er is: bestaand meubilair "
        "inventariseren, herstellen en refurbishen; pas daarna aanvullen, bij voorkeur met "
        "refurbished meubilair. Buiten de pilot: vaste inrichting en akoestische wanden.",
        "Minstens 60 % van het bestaande meubilair hergebruikt; 25 % lagere totale kost dan "
        "nieuw; terugnamegarantie op het aangekochte meubilair.",
    ),
    "Speeltoestellen buurtparken": (
        "Nieuwe speeltoestellen voor drie buurtparken, ontworpen met de buurt. Binnen de pilot: "
        "toestellen uit hergebruikt of gerecycleerd materiaal en een terugnameregeling. Buiten "
        "de pilot: de ondergrond en de groenaanleg.",
        "Minstens 50 % hergebruikt of gerecycleerd materiaal; inspraak van de buurt in twee "
        "van de drie parken; een onderhoudscontract met herstel in plaats van vervanging.",
    ),
}

APPROVED_FIELDS = {
    "title": APPROVED_TITLE,
    "purpose": (
        "Met twee kleine, zichtbare opdrachten leren hoe we circulair aankopen: van "
        "marktdialoog tot evaluatie. Wat werkt, nemen we op in een strategisch aankoopbeleid."
    ),
    "budget": Decimal("25000.00"),
    "funding_channel": "Budget Aankopen, actie 'Duurzaam aankoopbeleid' (meerjarenplan)",
    "risks": (
        "Langere doorlooptijd door de marktdialoog; angst voor een onbekende manier van werken "
        "bij de diensten; juridisch risico bij gunningscriteria rond lokale leveranciers "
        "(gelijkheid en transparantie blijven gelden); beperkt aanbod aan refurbished "
        "meubilair."
    ),
    "agreements": (
        "Aankopen trekt beide pilots en rapporteert maandelijks aan de financieel directeur. "
        "De diensten Mens en Aankopen leveren elk een projectleider. Externe begeleiding via "
        "het Vlaams netwerk circulair aankopen. Evaluatiepunten liggen vast vóór de "
        "marktdialoog."
    ),
    "budget_covers": (
        "De begeleiding van de pilots: de marktdialogen, extern juridisch advies over de "
        "gunningscriteria, de begeleiding door het Vlaams netwerk circulair aankopen en de "
        "evaluatie."
    ),
    "budget_key": "6130000/0119-00, actie 2.4.1 Duurzaam aankoopbeleid",
    "policy_mandate": True,
}
# About fourteen months after the MAT's approval the evaluation goes back to the MAT.
FEEDBACK_DUE_DAYS_AFTER_MAT = 425

# Who pays each pilot's procurement: the department's own budget, not the programme's.
PILOT_BUDGETS = {
    "Kantoormeubilair administratief centrum": (
        "Investeringsbudget Aankopen, 2400000/0119-00, actie 1.2.3 Huisvesting"
    ),
    "Werkkledij technische diensten": "Exploitatiebudget Mens, 6150000/0130-00, werkkledij",
    "Speeltoestellen buurtparken": "Investeringsbudget Ruimte, 2300000/0750-00, speelruimteplan",
}

WAITING_FIELDS = {
    "title": WAITING_TITLE,
    "purpose": (
        "De aanpak van het eerste proeftraject toepassen op de buurtparken van de dienst "
        "Ruimte, samen met de buurtbewoners."
    ),
    "budget": Decimal("12000.00"),
    "funding_channel": "Budget Ruimte, speelruimteplan",
    "risks": (
        "Veiligheidsnormen voor speeltoestellen (EN 1176) met hergebruikt materiaal; "
        "verwachtingen van de buurt beheren."
    ),
    "agreements": (
        "Ruimte trekt de pilot, Aankopen begeleidt de procedure. De buurt wordt twee keer "
        "betrokken: bij de marktdialoog en bij de keuze van het ontwerp."
    ),
    "budget_covers": "De begeleiding van de inspraak en van de marktdialoog.",
    "budget_key": "6130000/0750-00, actie 3.1.2 Speelruimteplan",
}
# Its first version, sent back by the financial director: the neighbourhood's say unpaid.
WAITING_FIRST_VERSION = {
    "budget": Decimal("7500.00"),
    "budget_covers": "De begeleiding van de marktdialoog.",
}


def _programme(*, author, fields, titles, start, **more):
    dossiers = list(Dossier.objects.filter(title__in=titles))
    programme = services.programme_create(
        user=author, dossiers=dossiers, **{**fields, "start_date": start, **more}
    )
    for pilot in programme.pilots.select_related("dossier"):
        scope, objectives = PILOT_TEXTS[pilot.dossier.title]
        pilot.scope, pilot.objectives = scope, objectives
        pilot.procurement_budget = PILOT_BUDGETS[pilot.dossier.title]
        pilot.save(update_fields=["scope", "objectives", "procurement_budget"])
    return programme


def _seed_waiting(*, users, start: datetime.date) -> None:
    """The programme waiting for the financial director, at its second version: the first
    asked too little for the neighbourhood's say, the director sent it back, the officer
    raised the budget and wrote what it pays (what the director sees changed)."""
    author = users["inkoper"]
    programme = _programme(
        author=author,
        fields={**WAITING_FIELDS, **WAITING_FIRST_VERSION},
        titles=["Speeltoestellen buurtparken"],
        start=start,
    )
    services.programme_submit(programme_id=programme.pk, user=author)
    services.decision_record(
        programme_id=programme.pk,
        user=users["financieel-directeur"],
        outcome=Outcome.CHANGES_REQUESTED,
        motivation=(
            "Het budget dekt alleen de marktdialoog; de inspraak van de buurt, die het plan "
            "belooft, is niet begroot."
        ),
        co_validator=users["hoofd-aankopen"],
    )
    programme.refresh_from_db()
    services.programme_update(
        programme_id=programme.pk,
        user=author,
        dossiers=[pilot.dossier for pilot in programme.pilots.select_related("dossier")],
        **{
            key: WAITING_FIELDS.get(key, getattr(programme, key))
            for key in (
                "title",
                "purpose",
                "context",
                "budget",
                "funding_channel",
                "start_date",
                "risks",
                "agreements",
                "budget_covers",
                "budget_key",
            )
        },
    )
    services.programme_submit(programme_id=programme.pk, user=author)


def _at_ten(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def _submitted_on(programme, day: datetime.date) -> None:
    """The revision as the story submitted it, before its decisions are dated after it."""
    revision = Revision.objects.get(programme=programme)
    Revision.objects.filter(pk=revision.pk).update(submitted_at=_at_ten(day))
    RevisionStage.objects.filter(revision=revision, position=1).update(opened_at=_at_ten(day))


def _stages_opened_as_decided(programme) -> None:
    """Each stage opened the day the stage before it decided, and the revision closed the day
    of the MAT meeting: the chain's dates follow its decisions, not the seeding."""
    revision = Revision.objects.get(programme=programme)
    decisions = list(revision.decisions.select_related("stage").order_by("stage__position"))
    for before, decision in itertools.pairwise(decisions):
        RevisionStage.objects.filter(pk=decision.stage_id).update(opened_at=_at_ten(before.date))
    Revision.objects.filter(pk=revision.pk).update(closed_at=_at_ten(decisions[-1].date))


def _dutch_date(day: datetime.date) -> str:
    with translation.override("nl"):
        return date_format(day, "j F Y")


def seed_legal_basis(*, mat_meeting_on: datetime.date) -> None:
    """The legal grounds of the city's decision notes and the delegation under which its
    management team decides; each added once, by title."""
    council_on = mat_meeting_on - datetime.timedelta(days=240)
    college_on = mat_meeting_on - datetime.timedelta(days=120)
    bases = [
        (
            "Decreet van 22 december 2017 over het lokaal bestuur",
            "art. 41, tweede lid, 10°, en art. 56, § 3, 5° (bevoegdheid inzake "
            "overheidsopdrachten en de delegatie ervan)",
            LegalBasis.Kind.LEGAL_GROUND,
        ),
        (
            "Wet van 17 juni 2016 inzake overheidsopdrachten",
            "art. 4 (gelijke behandeling, transparantie en proportionaliteit)",
            LegalBasis.Kind.LEGAL_GROUND,
        ),
        (
            "Koninklijk besluit van 18 april 2017 plaatsing overheidsopdrachten in de klassieke "
            "sectoren",
            "de drempels van de procedures",
            LegalBasis.Kind.LEGAL_GROUND,
        ),
        (
            f"Gemeenteraadsbesluit van {_dutch_date(council_on)} over de delegatie van de "
            "bevoegdheid inzake overheidsopdrachten aan het college van burgemeester en "
            "schepenen",
            "opdrachten binnen het goedgekeurde budget",
            LegalBasis.Kind.DELEGATION,
        ),
        (
            f"Collegebesluit van {_dutch_date(college_on)}: mandaat aan het managementteam",
            "het managementteam keurt proeftrajecten circulair aankopen en hun pilots goed "
            "binnen het budget van het meerjarenplan",
            LegalBasis.Kind.DELEGATION,
        ),
    ]
    if LegalBasis.objects.exists():
        return
    for position, (title, citation, kind) in enumerate(bases, start=1):
        LegalBasis.objects.create(title=title, citation=citation, kind=kind, position=position)


def seed(*, stdout):
    users = {user.username: user for user in get_user_model().objects.all()}
    author = users["inkoper"]
    today = timezone.localdate()
    mat_meeting_on = today - datetime.timedelta(days=MAT_MEETING_DAYS_AGO)
    existing = set(Programme.objects.values_list("title", flat=True))
    added = 0
    # Before the programmes: the briefing frozen when the MAT's stage opens shows them.
    seed_legal_basis(mat_meeting_on=mat_meeting_on)
    if APPROVED_TITLE not in existing:
        programme = _programme(
            author=author,
            fields=APPROVED_FIELDS,
            titles=["Werkkledij technische diensten", "Kantoormeubilair administratief centrum"],
            start=today - datetime.timedelta(days=PROGRAMME_STARTED_DAYS_AGO),
            feedback_due_on=mat_meeting_on + datetime.timedelta(days=FEEDBACK_DUE_DAYS_AFTER_MAT),
        )
        # Support first: the briefing frozen when the MAT's stage opens shows it.
        # Only what happened up to the MAT meeting: the briefing frozen for the MAT shows it.
        seed_support_for(
            subject=programme, stdout=stdout, mat_meeting_on=mat_meeting_on, follow_up=False
        )
        seed_evaluation_points(programme=programme, author=author)
        services.programme_submit(programme_id=programme.pk, user=author)
        _submitted_on(programme, today - datetime.timedelta(days=PROGRAMME_SUBMITTED_DAYS_AGO))
        services.decision_record(
            programme_id=programme.pk,
            decided_on=today - datetime.timedelta(days=DIRECTOR_DECIDED_DAYS_AGO),
            user=users["financieel-directeur"],
            outcome=Outcome.APPROVED,
            motivation="Go voor het traject; de aanpak is gevalideerd met het hoofd Aankopen.",
            conditions="Maandelijkse opvolging van budget en doorlooptijd.",
            co_validator=users["hoofd-aankopen"],
        )
        services.decision_record(
            programme_id=programme.pk,
            user=users["strategische-cel"],
            decided_on=today - datetime.timedelta(days=CELL_ADVISED_DAYS_AGO),
            communication_advice=(
                "De financieel directeur stelt het traject voor op het MAT: kort, met de twee "
                "pilots, de evaluatiepunten en het budget. Benoem de zorgen van de diensten "
                "(onbekende manier van werken, juridisch risico) en hoe we ze opvangen."
            ),
            scale_up_advice=(
                "Laat de evaluatie uitmonden in een strategisch aankoopbeleid dat circulariteit "
                "afweegt tegen lokale en sociale belangen (lokale economie, sociale economie, "
                "tewerkstelling), binnen de regels van gelijkheid en transparantie."
            ),
        )
        # The MAT's stage opened the day the cell advised: the briefing carries that date.
        RevisionStage.objects.mat().filter(revision__programme=programme).update(
            opened_at=_at_ten(today - datetime.timedelta(days=CELL_ADVISED_DAYS_AGO))
        )
        # A worker freezes the briefing after the commit; the demo needs it now.
        document_services.renderings_run_pending(programme=programme)
        services.decision_record(
            programme_id=programme.pk,
            user=users["mat"],
            outcome=Outcome.APPROVED,
            motivation="Het MAT keurt beide pilots goed.",
            conditions=(
                "Koppel de evaluatie van beide pilots terug naar het MAT. Bereid samen met de "
                "strategische cel een strategisch aankoopbeleid voor."
            ),
            meeting_date=mat_meeting_on,
        )
        _stages_opened_as_decided(programme)
        added += 1
    if WAITING_TITLE not in existing:
        _seed_waiting(users=users, start=today + datetime.timedelta(days=WAITING_STARTS_IN_DAYS))
        added += 1
    seed_support_for(
        subject=Programme.objects.get(title=APPROVED_TITLE),
        stdout=stdout,
        mat_meeting_on=mat_meeting_on,
    )
    stdout.write(f"  pilots: {added} programmes added, {len(existing)} already present")
    seed_evaluation(stdout=stdout)
    advice_demo.seed(stdout=stdout, programme=Programme.objects.get(title=APPROVED_TITLE))


# --- Execution, evaluation and policy of the approved programme ------------------------------

CLOTHING = "Werkkledij technische diensten"
FURNITURE = "Kantoormeubilair administratief centrum"

# Per pilot and phase code: (days after the programme's start of the actual start and end,
# note). Days count from the programme's start date; the furniture pilot loses 24 days on
# writing the specifications, which publication and award carry until execution catches up.
ACTUAL_PHASES = {
    CLOTHING: {
        "market-dialogue": (0, 38, "Infosessie en twee gesprekken één op één."),
        "specifications": (39, 97, ""),
        "publication": (98, 139, ""),
        "award": (
            140,
            165,
            "Gegund aan Werkkledij Circulair nv, met De Draad vzw als onderaannemer.",
        ),
        "execution": (166, 349, ""),
        "evaluation": (350, 388, ""),
    },
    FURNITURE: {
        "market-dialogue": (3, 41, "Twee leveranciers van refurbished meubilair gevonden."),
        "specifications": (
            46,
            121,
            "Drie weken vertraging: de gunningscriteria voor refurbish en de terugnamegarantie "
            "vroegen extra juridisch advies.",
        ),
        "publication": (122, 163, ""),
        "award": (164, 191, ""),
        "execution": (192, 349, "De levering liep in, maar het herstel op locatie ging sneller."),
        "evaluation": (350, 388, ""),
    },
}

# Per pilot: (template code or None, category, indicator, unit, baseline, target, direction,
# weight, method, [(days after start, value, source)])
POINTS = {
    CLOTHING: [
        (
            "recycled-share",
            "circularity",
            "Aandeel gerecycleerde vezels",
            "%",
            "0",
            "30",
            "higher",
            3,
            "Vezelsamenstelling volgens de productfiches van de leverancier.",
            [
                (250, "22", "Productfiches eerste levering"),
                (360, "34", "Productfiches tweede levering"),
            ],
        ),
        (
            None,
            "circularity",
            "Teruggenomen afgedankte kledij",
            "%",
            "0",
            "80",
            "higher",
            2,
            "Stuks teruggenomen gedeeld door stuks afgedankt, uit het terugnameregister.",
            [(300, "55", "Terugnameregister"), (360, "65", "Terugnameregister")],
        ),
        (
            None,
            "process",
            "Hersteltermijn",
            "werkdagen",
            "15",
            "5",
            "lower",
            2,
            "Gemiddelde termijn tussen afgifte en terugbezorging van herstelde kledij.",
            [(280, "8", "Herstelbonnen De Draad vzw"), (360, "6", "Herstelbonnen De Draad vzw")],
        ),
        (
            "bid-count",
            "market_response",
            "Aantal offertes",
            "offertes",
            "2",
            "4",
            "higher",
            1,
            "Aantal regelmatige offertes bij de opening.",
            [(141, "3", "Proces-verbaal van opening")],
        ),
        (
            "social-economy",
            "social",
            "Betrokkenheid sociale economie",
            "%",
            "0",
            "10",
            "higher",
            1,
            "Aandeel van de opdrachtwaarde uitgevoerd door De Draad vzw.",
            [(360, "12", "Facturen onderaannemer")],
        ),
    ],
    FURNITURE: [
        (
            None,
            "circularity",
            "Hergebruikt bestaand meubilair",
            "%",
            "0",
            "60",
            "higher",
            3,
            "Stuks bestaand meubilair hersteld of gerefurbisht gedeeld door alle geplaatste stuks.",
            [(300, "41", "Inventaris na de eerste verdieping"), (370, "48", "Eindinventaris")],
        ),
        (
            "tco-vs-linear",
            "cost",
            "Totale eigendomskost tegenover nieuw meubilair",
            "€",
            "120000",
            "90000",
            "lower",
            2,
            "TCO over tien jaar met het rekenblad van de dienst Aankopen; baseline is de offerte "
            "voor volledig nieuw meubilair.",
            [(192, "96000", "Gunningsverslag en TCO-rekenblad")],
        ),
        (
            "co2e-avoided",
            "environment",
            "Vermeden CO2e",
            "kg",
            "0",
            "15000",
            "higher",
            2,
            "Emissiefactoren uit de offerte van de leverancier, tegenover nieuw meubilair.",
            [(370, "12500", "Rapport leverancier")],
        ),
        (
            "lead-time",
            "process",
            "Doorlooptijd boven de referentie",
            "dagen",
            "45",
            "0",
            "lower",
            1,
            "Dagen van de start van de marktdialoog tot de gunning, min de referentie van de "
            "procedure. Baseline: de gemiddelde overschrijding bij vergelijkbare opdrachten.",
            [(191, "68", "Fasen van de pilot")],
        ),
        (
            "dialogue-participants",
            "market_response",
            "Deelnemers aan de marktdialoog",
            "partijen",
            "0",
            "5",
            "higher",
            1,
            "Aantal marktpartijen dat aan de marktdialoog deelnam.",
            [(45, "7", "Aanwezigheidslijsten marktdialoog")],
        ),
        (
            "local-suppliers",
            "local_economy",
            "Aandeel lokale leveranciers",
            "%",
            "10",
            "25",
            "higher",
            1,
            "Aandeel van de opdrachtwaarde bij leveranciers uit de regio.",
            [],
        ),
    ],
}

MARKET_PARTIES = [
    ("Refurb Office bv", "Refurbished kantoormeubilair met terugnamegarantie."),
    (
        "Kringwinkel Regio Voorbeeld",
        "Sociale economie: herstel en verkoop van tweedehands meubilair.",
    ),
    ("Meubelmakerij Verbeke", "Lokale meubelmakerij: herstel en aanpassing op maat."),
]

# Per pilot: (days after start, form, organisations, participants, what was learned)
DIALOGUES = {
    CLOTHING: [
        (
            10,
            "information_session",
            ["Werkkledij Circulair nv", "Naaiatelier De Draad vzw", "Textiel Recyclage Vlaanderen"],
            9,
            "Gerecycleerde vezels tot 30 % zijn haalbaar zonder verlies aan draagcomfort. "
            "Terugname werkt het best met een inzamelpunt per dienst.",
        ),
        (
            24,
            "one_to_one",
            ["Naaiatelier De Draad vzw"],
            2,
            "Het atelier kan herstel binnen vijf werkdagen aan als onderaannemer; een "
            "voorbehouden opdracht is niet nodig.",
        ),
    ],
    FURNITURE: [
        (
            20,
            "request_for_information",
            ["Refurb Office bv", "Kringwinkel Regio Voorbeeld", "Meubelmakerij Verbeke"],
            7,
            "De markt kan refurbish aan, maar vraagt een inventaris van het bestaande meubilair "
            "vóór de offerte. Een terugnamegarantie is gangbaar.",
        ),
    ],
}

EVALUATIONS = {
    CLOTHING: {
        "summary": (
            "De pilot haalde zijn doelen: meer gerecycleerde vezels dan gepland, een snelle "
            "hersteldienst via de sociale economie en een terugname die op gang komt."
        ),
        "lessons": (
            "Evaluatiepunten die vóór de marktdialoog vastliggen, geven de leveranciers een "
            "duidelijk doel. De sociale economie als onderaannemer vraagt geen aparte procedure."
        ),
        "success_factors": (
            "Een afgebakende pilot met specifieke evaluatiepunten: klein genoeg om te overzien, "
            "zichtbaar voor 180 medewerkers."
        ),
        "pitfalls": (
            "Tragere doorlooptijd: de marktdialoog en het opmaken van het bestek vroegen meer "
            "tijd dan een gewone opdracht. Angst voor een onbekende manier van werken bij de "
            "diensten, en een aversie tegen juridisch risico bij nieuwe gunningscriteria."
        ),
        "conclusion": "scale_up",
        "motivation": (
            "Alle gemeten punten halen minstens de helft van hun doel; opschalen naar alle "
            "werkkledij van de stad bij de volgende raamovereenkomst."
        ),
    },
    FURNITURE: {
        "summary": (
            "Hergebruik en kost scoren goed, maar de doorlooptijd liep uit door het bestek: de "
            "gunningscriteria voor refurbish waren nieuw voor iedereen."
        ),
        "lessons": (
            "Een inventaris van het bestaande meubilair moet vóór de marktdialoog klaar zijn. "
            "Een modelbestek voor refurbish bespaart weken."
        ),
        "success_factors": (
            "Een afgebakende pilot met specifieke evaluatiepunten; een markt die refurbish al "
            "aanbiedt."
        ),
        "pitfalls": (
            "Tragere doorlooptijd door de marktdialoog en vooral het opmaken van het bestek. "
            "Aversie tegen juridisch risico: elk nieuw criterium ging langs de juridische dienst."
        ),
        "conclusion": "adjust",
        "motivation": (
            "Bijsturen vóór opschaling: eerst een modelbestek voor refurbish en een planning met "
            "buffer voor het bestek."
        ),
    },
}

PROGRAMME_EVALUATION = {
    "summary": (
        "Beide pilots tonen dat circulair aankopen werkt op kleine schaal: werkkledij kan "
        "opschalen, meubilair na bijsturing. De doorlooptijd is de voorspelde valkuil: de "
        "marktdialoog en het bestek vragen tijd, die de planning moet voorzien."
    ),
    "mat_decision": (
        "Het MAT neemt kennis van de evaluatie, keurt de opschaling van de werkkledij goed en "
        "vraagt de strategische cel een ontwerp van strategisch aankoopbeleid voor te leggen."
    ),
}
# Fed back on the day the demo is seeded: the official report is frozen that day, so the
# report's date and the feed-back date agree.
FED_BACK_DAYS_AGO = 0

# (theme, title, text, pilots it rests on, [(status, note)] after the proposal)
RECOMMENDATIONS = [
    (
        "circular",
        "Circulaire criteria standaard in bestekken voor werkkledij en meubilair",
        "Elk bestek voor werkkledij en kantoormeubilair bevat minstens één circulair "
        "gunningscriterium (gerecycleerd materiaal, herstel, terugname) en evaluatiepunten "
        "die vóór de marktdialoog vastliggen.",
        [CLOTHING, FURNITURE],
        [("discussed", "Besproken met de diensten Mens en Aankopen."), ("adopted", "")],
    ),
    (
        "process",
        "Plan de marktdialoog en het bestek met buffer",
        "Een circulaire opdracht krijgt in de planning zes weken extra voor de marktdialoog en "
        "het bestek; een modelbestek voor refurbish en een vast aanspreekpunt bij de juridische "
        "dienst verkleinen die buffer.",
        [FURNITURE],
        [("discussed", "Het hoofd Aankopen werkt het modelbestek uit.")],
    ),
    (
        "social",
        "Sociale economie en lokale leveranciers binnen gelijkheid en transparantie",
        "Betrek de sociale economie via onderaanneming en voorbehouden opdrachten, en "
        "bevorder lokale leveranciers via kleine percelen en marktdialogen, zonder af te wijken "
        "van gelijkheid en transparantie.",
        [CLOTHING],
        [],
    ),
]


# --- What the evaluation report adds: contracts awarded, budget spent, a gap explained -------

# Per pilot: the dossier's status once awarded and the value of the contract as awarded.
AWARDS = {
    FURNITURE: (Dossier.Status.CLOSED, Decimal("78400.00")),
    CLOTHING: (Dossier.Status.IN_EXECUTION, Decimal("51250.00")),
}
# What the programme spent of its own budget (guidance, market dialogues, legal advice).
BUDGET_SPENT = Decimal("21850.00")
UNMEASURED_REASONS = {
    (FURNITURE, "Aandeel lokale leveranciers"): (
        "De leverancier meldt zijn onderaannemers pas bij de eerste jaarafrekening; tot dan "
        "is er geen betrouwbare meting."
    ),
}


def seed_report_facts(*, programme, author):
    """The facts the evaluation report adds to the demo: the pilots' contracts as awarded on
    their dossiers, and why a point has no measurement. Recorded before the feed-back, so
    the official report carries them; each only when missing."""
    for pilot in programme.pilots.select_related("dossier"):
        dossier = pilot.dossier
        status, value = AWARDS.get(dossier.title, (None, None))
        if value is not None and dossier.awarded_value is None:
            procurement_services.dossier_update(
                dossier_id=dossier.pk, user=author, status=status, awarded_value=value
            )
        for point in pilot.evaluation_points.all():
            reason = UNMEASURED_REASONS.get((dossier.title, point.indicator))
            if reason and not point.unmeasured_reason:
                evaluation_services.point_unmeasured_reason_save(
                    point_id=point.pk, user=author, reason=reason
                )


def seed_evaluation_points(*, programme, author, reason=""):
    """The evaluation points of the approved programme's pilots, set while it is a draft."""
    templates = {t.code: t for t in EvaluationPointTemplate.objects.all()}
    for pilot in programme.pilots.select_related("dossier"):
        if pilot.evaluation_points.exists():
            continue
        for row in POINTS.get(pilot.dossier.title, []):
            code, category, indicator, unit, baseline, target, direction, weight, method, _ = row
            evaluation_services.point_create(
                pilot_id=pilot.pk,
                user=author,
                template=templates.get(code),
                reason=reason,
                category=category,
                indicator=indicator,
                unit=unit,
                baseline=Decimal(baseline),
                target=Decimal(target),
                direction=direction,
                weight=weight,
                method=method,
            )


def _seed_market_parties() -> dict:
    for name, description in MARKET_PARTIES:
        Organisation.objects.get_or_create(
            name=name,
            defaults={"kind": Organisation.Kind.MARKET_PARTY, "description": description},
        )
    return {o.name: o for o in Organisation.objects.all()}


def _seed_execution(*, pilot, title, author, day, organisations):
    """The phases as they ran and the market dialogues held."""
    actual = ACTUAL_PHASES[title]
    execution_services.phases_record(
        pilot_id=pilot.pk,
        user=author,
        phases={
            phase.pk: (day(actual[code][0]), day(actual[code][1]), actual[code][2])
            for phase in pilot.phases.select_related("phase_type")
            if (code := phase.phase_type.code) in actual
        },
    )
    if not MarketDialogue.objects.filter(pilot=pilot).exists():
        for offset, form, names, count, learned in DIALOGUES[title]:
            execution_services.market_dialogue_save(
                pilot_id=pilot.pk,
                user=author,
                held_on=day(offset),
                form=form,
                participant_count=count,
                learned=learned,
                organisations=[organisations[n] for n in names],
            )


def _seed_results(*, pilot, title, author, day):
    """The measurements of each point, and the pilot's evaluation."""
    points = {p.indicator: p for p in pilot.evaluation_points.all()}
    for row in POINTS[title]:
        point = points.get(row[2])
        if point is None or Measurement.objects.filter(point=point).exists():
            continue
        for offset, value, source in row[9]:
            evaluation_services.measurement_add(
                point_id=point.pk,
                user=author,
                measured_on=day(offset),
                value=Decimal(value),
                source=source,
            )
    if not PilotEvaluation.objects.filter(pilot=pilot).exists():
        evaluation_services.pilot_evaluation_save(
            pilot_id=pilot.pk, user=author, **EVALUATIONS[title]
        )


def _seed_recommendations(*, programme, cell) -> list:
    """The cell's recommendations as they go to the MAT with the evaluation. Returns the MAT's
    decisions on them, which come after the report it decides on has been frozen."""
    evaluations = {
        e.pilot.dossier.title: e
        for e in PilotEvaluation.objects.filter(pilot__programme=programme).select_related(
            "pilot__dossier"
        )
    }
    existing = set(PolicyRecommendation.objects.values_list("title", flat=True))
    decisions = []
    for theme, title, text, rests_on, moves in RECOMMENDATIONS:
        if title in existing:
            continue
        recommendation = policy_services.recommendation_create(
            user=cell,
            programme=programme,
            theme=theme,
            title=title,
            text=text,
            evaluations=[evaluations[name] for name in rests_on if name in evaluations],
        )
        for status, note in moves:
            if status in PolicyRecommendation.DECIDED:
                decisions.append((recommendation, status, note))
                continue
            policy_services.recommendation_move(
                recommendation_id=recommendation.pk, user=cell, status=status, note=note
            )
    return decisions


def _seed_mat_decisions(decisions: list, *, mat, today) -> None:
    """The MAT's decisions on the recommendations, in the meeting it received the report."""
    for recommendation, status, note in decisions:
        policy_services.recommendation_move(
            recommendation_id=recommendation.pk,
            user=mat,
            status=status,
            note=note,
            meeting_date=today - datetime.timedelta(days=FED_BACK_DAYS_AGO),
        )


def _seed_feedback(*, programme, author, today):
    """The programme's evaluation as fed back to the MAT, which freezes the official report,
    and then the MAT's decision on it. A database seeded before freezing existed gets the
    report here. The demo runs the freeze itself (a worker would, after the commit)."""
    fed_back_on = today - datetime.timedelta(days=FED_BACK_DAYS_AGO)
    if not ProgrammeEvaluation.objects.filter(programme=programme).exists():
        evaluation_services.programme_evaluation_save(
            programme_id=programme.pk,
            user=author,
            fed_back_on=fed_back_on,
            summary=PROGRAMME_EVALUATION["summary"],
            budget_spent=BUDGET_SPENT,
        )
        document_services.renderings_run_pending(programme=programme)
        evaluation_services.programme_evaluation_save(
            programme_id=programme.pk,
            user=author,
            fed_back_on=fed_back_on,
            budget_spent=BUDGET_SPENT,
            **PROGRAMME_EVALUATION,
        )
    elif (
        ProgrammeEvaluation.objects.filter(programme=programme, fed_back_on__isnull=False).exists()
        and not programme.official_documents.filter(kind=DocumentKind.EVALUATION).exists()
    ):
        document_services.evaluation_report_freeze(programme_id=programme.pk, user=author)
        document_services.renderings_run_pending(programme=programme)


def seed_evaluation(*, stdout):
    """Phases, market dialogues, measurements and evaluations of the approved programme, three
    recommendations in different states, and the programme's evaluation as fed back to the
    MAT, which freezes the official evaluation report. Each part is added only when
    missing."""
    users = {user.username: user for user in get_user_model().objects.all()}
    author, cell, mat = users["inkoper"], users["strategische-cel"], users["mat"]
    programme = Programme.objects.get(title=APPROVED_TITLE)
    start, today = programme.start_date, timezone.localdate()

    def day(offset: int) -> datetime.date:
        return min(start + datetime.timedelta(days=offset), today)

    seed_evaluation_points(
        programme=programme, author=author, reason="Evaluatiepunten aangevuld in de demo."
    )
    organisations = _seed_market_parties()
    for pilot in programme.pilots.select_related("dossier"):
        if pilot.phases.filter(actual_start__isnull=False).exists():
            continue
        title = pilot.dossier.title
        _seed_execution(
            pilot=pilot, title=title, author=author, day=day, organisations=organisations
        )
        _seed_results(pilot=pilot, title=title, author=author, day=day)
    decisions = _seed_recommendations(programme=programme, cell=cell)
    seed_report_facts(programme=programme, author=author)
    # Fed back last, so the official report the MAT received carries the recommendations; the
    # MAT adopts them afterwards, and the report it decided on stays as it was.
    _seed_feedback(programme=programme, author=author, today=today)
    _seed_mat_decisions(decisions, mat=mat, today=today)
    stdout.write(
        f"  pilots: execution and evaluation of {programme}, "
        f"{PolicyRecommendation.objects.count()} policy recommendations"
    )
