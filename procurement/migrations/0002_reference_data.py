"""Seeds the R-ladder, the procedure types of the law of 17 June 2016 and their value
thresholds. Thresholds are data with validity dates: a new royal decree or EU regulation is a
new row in the admin, not a code change."""

import datetime
from decimal import Decimal

from django.db import migrations

STRATEGIES = ["R0", "R1", "R2", "R3", "R4", "R5", "R6", "R7", "R8", "R9"]

PROCEDURES = [
    ("beperkte-waarde", "Opdracht van beperkte waarde (aanvaarde factuur)", "Low-value contract (accepted invoice)"),
    ("onderhandelingsprocedure-zonder-bekendmaking", "Onderhandelingsprocedure zonder voorafgaande bekendmaking", "Negotiated procedure without prior publication"),
    ("vereenvoudigde-onderhandelingsprocedure", "Vereenvoudigde onderhandelingsprocedure met voorafgaande bekendmaking", "Simplified negotiated procedure with prior publication"),
    ("mededingingsprocedure-met-onderhandeling", "Mededingingsprocedure met onderhandeling", "Competitive procedure with negotiation"),
    ("openbare-procedure", "Openbare procedure", "Open procedure"),
    ("niet-openbare-procedure", "Niet-openbare procedure", "Restricted procedure"),
    ("concurrentiedialoog", "Concurrentiedialoog", "Competitive dialogue"),
    ("innovatiepartnerschap", "Innovatiepartnerschap", "Innovation partnership"),
]

D = datetime.date
LAW = "Wet van 17 juni 2016 en KB Plaatsing"
EU_2024 = "EU-drempels 2024-2025 (Verordening (EU) 2023/2495)"
EU_2026 = "EU-drempels vanaf 1/1/2026"

# (procedure code, subject type or "" for all, upper limit or None, valid from, valid until, basis)
THRESHOLDS = [
    ("beperkte-waarde", "", Decimal("30000"), D(2024, 1, 1), None, LAW),
    ("onderhandelingsprocedure-zonder-bekendmaking", "", Decimal("143000"), D(2024, 1, 1), None, LAW),
    ("vereenvoudigde-onderhandelingsprocedure", "works", Decimal("750000"), D(2024, 1, 1), None, LAW),
    ("vereenvoudigde-onderhandelingsprocedure", "supplies", Decimal("221000"), D(2024, 1, 1), D(2025, 12, 31), EU_2024),
    ("vereenvoudigde-onderhandelingsprocedure", "services", Decimal("221000"), D(2024, 1, 1), D(2025, 12, 31), EU_2024),
    ("vereenvoudigde-onderhandelingsprocedure", "supplies", Decimal("216000"), D(2026, 1, 1), None, EU_2026),
    ("vereenvoudigde-onderhandelingsprocedure", "services", Decimal("216000"), D(2026, 1, 1), None, EU_2026),
    ("openbare-procedure", "", None, D(2024, 1, 1), None, LAW),
]


def seed(apps, schema_editor):
    strategy = apps.get_model("procurement", "CircularStrategy")
    procedure_type = apps.get_model("procurement", "ProcedureType")
    threshold = apps.get_model("procurement", "ProcedureThreshold")
    for code in STRATEGIES:
        strategy.objects.get_or_create(code=code)
    types = {}
    for position, (code, name, name_en) in enumerate(PROCEDURES, start=1):
        types[code], _ = procedure_type.objects.get_or_create(
            code=code, defaults={"name": name, "name_en": name_en, "position": position}
        )
    for code, subject, limit, valid_from, valid_until, basis in THRESHOLDS:
        threshold.objects.get_or_create(
            procedure_type=types[code],
            subject_type=subject,
            upper_limit=limit,
            valid_from=valid_from,
            defaults={"valid_until": valid_until, "legal_basis": basis},
        )


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
