"""The demo city's departments, people and accounts (password 'demo' for all)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import Role

from .models import Department, Person

DEPARTMENTS = [
    ("AANK", "Aankopen"),
    ("RUIM", "Ruimte"),
    ("MENS", "Mens"),
    ("GEB", "Gebouwen"),
    ("POD", "Projecten openbaar domein"),
    ("STRAT", "Strategische cel"),
    ("FIN", "Financiën"),
]

# (username or None, full name, department code, job title, roles, head of department)
PEOPLE = [
    ("inkoper", "Sofie Peeters", "AANK", "Aankoopdeskundige", [Role.PROCUREMENT_OFFICER], False),
    (
        "hoofd-aankopen",
        "Marc Janssens",
        "AANK",
        "Diensthoofd Aankopen",
        [Role.HEAD_OF_PROCUREMENT],
        True,
    ),
    (
        "financieel-directeur",
        "Katrien Wouters",
        "FIN",
        "Financieel directeur",
        [Role.FINANCIAL_DIRECTOR],
        True,
    ),
    (
        "strategische-cel",
        "Pieter Claes",
        "STRAT",
        "Beleidscoördinator",
        [Role.STRATEGIC_CELL],
        True,
    ),
    ("mat", "An De Smet", None, "Secretaris managementteam", [Role.MAT_MEMBER], False),
    ("gebouwen", "Tom Maes", "GEB", "Projectleider gebouwen", [Role.DEPARTMENT_STAFF], False),
    (None, "Els Willems", "GEB", "Diensthoofd Gebouwen", [], True),
    (None, "Bart Jacobs", "RUIM", "Diensthoofd Ruimte", [], True),
    (None, "Lotte Mertens", "MENS", "Diensthoofd Mens", [], True),
    (None, "Wim Goossens", "POD", "Diensthoofd Projecten openbaar domein", [], True),
]


def seed(*, stdout):
    departments = {}
    for code, name in DEPARTMENTS:
        departments[code], _ = Department.objects.get_or_create(
            code=code.lower(), defaults={"name": name}
        )
    user_model = get_user_model()
    for username, full_name, department_code, job_title, roles, is_head in PEOPLE:
        department = departments[department_code] if department_code else None
        user = None
        if username:
            first, _, last = full_name.partition(" ")
            user, created = user_model.objects.get_or_create(
                username=username,
                defaults={
                    "first_name": first,
                    "last_name": last,
                    "email": f"{username}@stad-voorbeeld.be",
                },
            )
            if created:
                user.set_password("demo")
                user.save(update_fields=["password"])
            user.groups.add(*Group.objects.filter(name__in=roles))
        person, _ = Person.objects.get_or_create(
            full_name=full_name,
            defaults={
                "user": user,
                "department": department,
                "job_title": job_title,
                "email": f"{full_name.lower().replace(' ', '.')}@stad-voorbeeld.be",
            },
        )
        if is_head and department and department.head_id is None:
            department.head = person
            department.save(update_fields=["head"])

    admin, created = user_model.objects.get_or_create(
        username="admin",
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@stad-voorbeeld.be"},
    )
    if created:
        admin.set_password("demo")
        admin.save(update_fields=["password"])
    admin.groups.add(Group.objects.get(name=Role.ADMINISTRATOR))
    stdout.write(f"  stakeholders: {len(DEPARTMENTS)} departments, {len(PEOPLE)} people")
