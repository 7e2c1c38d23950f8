"""Creates a Django group for each role, so a fresh database knows every role."""

from django.db import migrations

ROLE_NAMES = [
    "department-staff",
    "procurement-officer",
    "head-of-procurement",
    "financial-director",
    "strategic-cell",
    "mat-member",
    "administrator",
]


def create_roles(apps, schema_editor):
    group = apps.get_model("auth", "Group")
    for name in ROLE_NAMES:
        group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
