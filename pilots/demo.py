"""The seed story's pilot programme, walked through the whole approval chain, and a second
programme waiting for the financial director. A programme is recognised by its title, so
re-running adds nothing."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from procurement.models import Dossier
from stakeholders.demo import seed_support_for

from . import services
from .models import Outcome, Programme

APPROVED_TITLE = "Proeftraject circulair aankopen"
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
}


def _programme(*, author, fields, titles, start):
    dossiers = list(Dossier.objects.filter(title__in=titles))
    programme = services.programme_create(
        user=author, fields={**fields, "start_date": start}, dossiers=dossiers
    )
    for pilot in programme.pilots.select_related("dossier"):
        scope, objectives = PILOT_TEXTS[pilot.dossier.title]
        pilot.scope, pilot.objectives = scope, objectives
        pilot.save(update_fields=["scope", "objectives"])
    return programme


def seed(*, stdout):
    users = {user.username: user for user in get_user_model().objects.all()}
    author = users["inkoper"]
    today = timezone.localdate()
    existing = set(Programme.objects.values_list("title", flat=True))
    added = 0
    if APPROVED_TITLE not in existing:
        programme = _programme(
            author=author,
            fields=APPROVED_FIELDS,
            titles=["Werkkledij technische diensten", "Kantoormeubilair administratief centrum"],
            start=today - datetime.timedelta(days=14),
        )
        # Support first: the briefing frozen when the MAT's stage opens shows it.
        seed_support_for(subject=programme, stdout=stdout)
        services.programme_submit(programme_id=programme.pk, user=author)
        services.decision_record(
            programme_id=programme.pk,
            user=users["financieel-directeur"],
            outcome=Outcome.APPROVED,
            motivation="Go voor het traject; de aanpak is gevalideerd met het hoofd Aankopen.",
            conditions="Maandelijkse opvolging van budget en doorlooptijd.",
            co_validator=users["hoofd-aankopen"],
        )
        services.decision_record(
            programme_id=programme.pk,
            user=users["strategische-cel"],
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
        services.decision_record(
            programme_id=programme.pk,
            user=users["mat"],
            outcome=Outcome.APPROVED,
            motivation="Het MAT keurt beide pilots goed.",
            conditions=(
                "Koppel de evaluatie van beide pilots terug naar het MAT. Bereid samen met de "
                "strategische cel een strategisch aankoopbeleid voor."
            ),
            meeting_date=today - datetime.timedelta(days=2),
        )
        added += 1
    if WAITING_TITLE not in existing:
        programme = _programme(
            author=author,
            fields=WAITING_FIELDS,
            titles=["Speeltoestellen buurtparken"],
            start=today + datetime.timedelta(days=30),
        )
        services.programme_submit(programme_id=programme.pk, user=author)
        added += 1
    if APPROVED_TITLE in existing:
        seed_support_for(subject=Programme.objects.get(title=APPROVED_TITLE), stdout=stdout)
    stdout.write(f"  pilots: {added} programmes added, {len(existing)} already present")
