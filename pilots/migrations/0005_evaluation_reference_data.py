"""Seeds the reference lead time per procedure type and the templates of common evaluation
points. Both are data that an administrator adapts in the admin; re-running adds only what is
missing, so the browser tests can restore them (tests/reference_data.py)."""

from django.db import migrations

SOURCE = "Richtwaarde van de dienst Aankopen (ervaring van de voorbije jaren)"

# procedure type code → days from the start of preparation to the award
LEAD_TIMES = {
    "beperkte-waarde": 45,
    "onderhandelingsprocedure-zonder-bekendmaking": 120,
    "vereenvoudigde-onderhandelingsprocedure": 150,
    "mededingingsprocedure-met-onderhandeling": 210,
    "openbare-procedure": 180,
    "niet-openbare-procedure": 240,
    "concurrentiedialoog": 300,
    "innovatiepartnerschap": 365,
}

# (code, indicator nl, indicator en, category, unit, direction, weight, method nl, method en)
TEMPLATES = [
    (
        "co2e-avoided",
        "Vermeden CO2e",
        "CO2e avoided",
        "environment",
        "kg",
        "higher",
        3,
        "Emissies van de circulaire oplossing tegenover het lineaire alternatief, met de "
        "emissiefactoren die de leverancier in zijn offerte opgeeft.",
        "Emissions of the circular solution against the linear alternative, with the emission "
        "factors the supplier states in its bid.",
    ),
    (
        "recycled-share",
        "Aandeel hergebruikt of gerecycleerd materiaal",
        "Share of reused or recycled material",
        "circularity",
        "%",
        "higher",
        3,
        "Gewicht hergebruikt of gerecycleerd materiaal gedeeld door het totale gewicht, "
        "volgens de materiaalpaspoorten van de leverancier.",
        "Weight of reused or recycled material divided by the total weight, from the "
        "supplier's material passports.",
    ),
    (
        "tco-vs-linear",
        "Totale eigendomskost tegenover het lineaire alternatief",
        "Total cost of ownership vs the linear alternative",
        "cost",
        "€",
        "lower",
        2,
        "Aankoop, onderhoud, herstel en einde levensduur over de gebruiksduur, berekend met "
        "het TCO-rekenblad van de dienst Aankopen.",
        "Purchase, maintenance, repair and end of life over the period of use, calculated with "
        "the procurement department's TCO spreadsheet.",
    ),
    (
        "bid-count",
        "Aantal offertes",
        "Number of bids",
        "market_response",
        "offertes",
        "higher",
        1,
        "Aantal regelmatige offertes bij de opening.",
        "Number of compliant bids at the opening.",
    ),
    (
        "dialogue-participants",
        "Deelnemers aan de marktdialoog",
        "Participants in the market dialogue",
        "market_response",
        "partijen",
        "higher",
        1,
        "Aantal marktpartijen dat aan de marktdialoog deelnam.",
        "Number of market parties that took part in the market dialogue.",
    ),
    (
        "lead-time",
        "Doorlooptijd tegenover de referentie",
        "Lead time vs reference",
        "process",
        "dagen",
        "lower",
        2,
        "Dagen van de start van de voorbereiding tot de gunning, min de referentiedoorlooptijd "
        "van de procedure.",
        "Days from the start of preparation to the award, minus the procedure's reference lead "
        "time.",
    ),
    (
        "internal-support",
        "Intern draagvlak vóór en na",
        "Internal support before and after",
        "internal_support",
        "score 1-5",
        "higher",
        1,
        "Gemiddelde steun van de betrokkenen in de draagvlakbarometer, vóór en na de pilot.",
        "Average support of the stakeholders in the support barometer, before and after the "
        "pilot.",
    ),
    (
        "local-suppliers",
        "Aandeel lokale leveranciers",
        "Share of local suppliers",
        "local_economy",
        "%",
        "higher",
        1,
        "Aandeel van de opdrachtwaarde bij leveranciers en onderaannemers uit de regio.",
        "Share of the contract value with suppliers and subcontractors from the region.",
    ),
    (
        "social-economy",
        "Betrokkenheid sociale economie",
        "Social-economy involvement",
        "social",
        "%",
        "higher",
        1,
        "Aandeel van de opdrachtwaarde uitgevoerd door maatwerkbedrijven of andere "
        "sociale-economiebedrijven.",
        "Share of the contract value carried out by sheltered workshops or other "
        "social-economy enterprises.",
    ),
]


def seed(apps, schema_editor):
    procedure_type = apps.get_model("procurement", "ProcedureType")
    lead_time = apps.get_model("pilots", "ReferenceLeadTime")
    template = apps.get_model("pilots", "EvaluationPointTemplate")
    for procedure in procedure_type.objects.filter(code__in=LEAD_TIMES):
        lead_time.objects.get_or_create(
            procedure_type=procedure,
            defaults={"days": LEAD_TIMES[procedure.code], "source": SOURCE},
        )
    for position, row in enumerate(TEMPLATES, start=1):
        code, indicator, indicator_en, category, unit, direction, weight, method, method_en = row
        template.objects.get_or_create(
            code=code,
            defaults={
                "indicator": indicator,
                "indicator_en": indicator_en,
                "category": category,
                "unit": unit,
                "direction": direction,
                "weight": weight,
                "method": method,
                "method_en": method_en,
                "position": position,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("pilots", "0004_execution_evaluation"),
        ("procurement", "0002_reference_data"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
