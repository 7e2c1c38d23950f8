"""Seeds the phase types of a circular tender and the default approval chain of
docs/design.md: financial director (co-validated by the head of procurement) → strategic cell
(advice) → MAT (decided in a meeting). Both are data: an administrator adapts them in the
admin."""

from django.db import migrations

# (code, Dutch name, English name, default duration in weeks)
PHASE_TYPES = [
    ("market-dialogue", "Marktdialoog", "Market dialogue", 6),
    ("specifications", "Opmaak bestek", "Writing the specifications", 8),
    ("publication", "Publicatie", "Publication", 6),
    ("award", "Gunning", "Award", 4),
    ("execution", "Uitvoering", "Execution", 26),
    ("evaluation", "Evaluatie", "Evaluation", 6),
]

# (position, Dutch name, English name, role, kind, co-validating role, decided in a meeting)
STAGES = [
    (1, "Financieel directeur", "Financial director", "financial-director", "decision", "head-of-procurement", False),
    (2, "Strategische cel", "Strategic cell", "strategic-cell", "advice", "", False),
    (3, "Managementteam (MAT)", "Management team (MAT)", "mat-member", "decision", "", True),
]


def seed(apps, schema_editor):
    phase_type = apps.get_model("pilots", "PhaseType")
    chain_model = apps.get_model("pilots", "ApprovalChain")
    stage_model = apps.get_model("pilots", "ApprovalStage")
    for position, (code, name, name_en, weeks) in enumerate(PHASE_TYPES, start=1):
        phase_type.objects.get_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "position": position, "default_weeks": weeks},
        )
    if chain_model.objects.filter(is_default=True).exists():
        return
    chain = chain_model.objects.create(name="Standaard goedkeuringsketen", is_default=True)
    for position, name, name_en, role, kind, co_role, meeting in STAGES:
        stage_model.objects.create(
            chain=chain,
            position=position,
            name=name,
            name_en=name_en,
            role=role,
            kind=kind,
            co_validator_role=co_role,
            records_meeting=meeting,
        )


class Migration(migrations.Migration):
    dependencies = [("pilots", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
