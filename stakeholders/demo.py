"""The demo city's departments, people, organisations and accounts (password 'demo' for
all), and the story of how support for the pilot programme grew (`seed_support_for`).

Dates are relative to today so the demo never goes stale; every row is recognised by its
natural key, so re-running adds nothing."""

import datetime
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from core.membership import grant_roles
from core.models import Municipality
from core.roles import Role
from core.scoping import active_municipality_id

from .models import (
    ActionItem,
    Concern,
    Consultation,
    ConsultationDecision,
    Department,
    Involvement,
    Organisation,
    Person,
    SupportAssessment,
)

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
    city = Municipality.objects.get(pk=active_municipality_id())
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
            grant_roles(user, city, *roles)
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
    grant_roles(admin, city, Role.ADMINISTRATOR)

    organisations = {}
    for name, kind, description, email, website in ORGANISATIONS:
        organisations[name], _ = Organisation.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "description": description,
                "email": email,
                "website": website,
            },
        )
    for full_name, organisation, job_title, email, notes in EXTERNAL_PEOPLE:
        Person.objects.get_or_create(
            full_name=full_name,
            defaults={
                "organisation": organisations[organisation],
                "job_title": job_title,
                "email": email,
                "notes": notes,
            },
        )
    Person.objects.filter(full_name="Marc Janssens", notes="").update(
        notes="Ervaren en voorzichtig; wil elke nieuwe aanpak juridisch afgedekt zien."
    )
    stdout.write(
        f"  stakeholders: {len(DEPARTMENTS)} departments, "
        f"{len(PEOPLE) + len(EXTERNAL_PEOPLE)} people, {len(ORGANISATIONS)} organisations"
    )


K = Organisation.Kind
ADVISOR = "Circulair Aankoopadvies bv"
REGION = "Intergemeentelijke samenwerking Regio Voorbeeld"

# (name, kind, description, e-mail, website)
ORGANISATIONS = [
    (
        ADVISOR,
        K.ADVISOR,
        "Extern aankoopadvies: begeleidt lokale besturen bij circulaire overheidsopdrachten.",
        "info@circulair-aankoopadvies.example",
        "https://circulair-aankoopadvies.example",
    ),
    (
        REGION,
        K.REGIONAL_COLLABORATION,
        "Regionale samenwerking van gemeenten die samen aankopen en ervaringen delen.",
        "aankoop@regio-voorbeeld.example",
        "https://regio-voorbeeld.example",
    ),
    (
        "Gemeente Naburg",
        K.LOCAL_GOVERNMENT,
        "Buurgemeente in de regionale samenwerking; volgt de pilots op de voet.",
        "aankoop@naburg.example",
        "",
    ),
    (
        "Werkkledij Circulair nv",
        K.MARKET_PARTY,
        "Leverancier van werkkledij met huur-, herstel- en terugnamemodel.",
        "verkoop@werkkledij-circulair.example",
        "",
    ),
    (
        "Naaiatelier De Draad vzw",
        K.MARKET_PARTY,
        "Lokaal sociaal-economisch naaiatelier: herstel en aanpassing van kledij.",
        "atelier@dedraad.example",
        "",
    ),
    (
        "Textiel Recyclage Vlaanderen",
        K.MARKET_PARTY,
        "Inzameling en vezel-tot-vezel recyclage van textiel.",
        "info@textielrecyclage.example",
        "",
    ),
]

# (full name, organisation, job title, e-mail, personal notes)
EXTERNAL_PEOPLE = [
    (
        "Hilde Vermeulen",
        ADVISOR,
        "Senior aankoopadviseur",
        "hilde.vermeulen@circulair-aankoopadvies.example",
        "Kent de rechtspraak over duurzame gunningscriteria goed.",
    ),
    (
        "Jan Dewitte",
        REGION,
        "Coördinator aankoopsamenwerking",
        "jan.dewitte@regio-voorbeeld.example",
        "",
    ),
    (
        "Ilse Vandenberghe",
        "Werkkledij Circulair nv",
        "Accountmanager publieke sector",
        "ilse.vandenberghe@werkkledij-circulair.example",
        "",
    ),
]

L = Concern.Category
ST = Concern.Status

# (stakeholder, role, influence, interest, [(days ago, level, note)])
INVOLVEMENT = [
    (
        "Katrien Wouters",
        "Financieel directeur: geeft groen licht",
        5,
        4,
        [
            (120, 3, "Wil eerst de budgettaire impact zien."),
            (95, 4, "Overtuigd door de totale kost over de levensduur."),
            (30, 5, "Verdedigt het proeftraject zelf op het MAT."),
        ],
    ),
    (
        "Marc Janssens",
        "Diensthoofd Aankopen: valideert de aanpak",
        4,
        5,
        [
            (120, 2, "Vreest juridische risico's van circulaire gunningscriteria."),
            (60, 3, "Gerustgesteld door het externe advies."),
            (20, 4, "Steunt de aanpak, bewaakt de doorlooptijd."),
        ],
    ),
    (
        "Sofie Peeters",
        "Trekker van het proeftraject",
        3,
        5,
        [(120, 4, ""), (30, 5, "Draagt het proeftraject.")],
    ),
    (
        "Pieter Claes",
        "Strategische cel: advies over briefing en opschaling",
        4,
        4,
        [(100, 3, "Ziet kansen, maar wil lokale belangen meewegen."), (40, 4, "")],
    ),
    ("An De Smet", "Secretaris van het managementteam", 3, 2, [(90, 3, "")]),
    (
        "Lotte Mertens",
        "Diensthoofd Mens: budgethouder van de werkkledij",
        3,
        4,
        [(110, 3, ""), (50, 4, "Vakbonden en preventieadviseur staan achter duurzame kledij.")],
    ),
    (
        "Tom Maes",
        "Vertegenwoordiger van de gebruikers (technische ploegen)",
        2,
        4,
        [
            (110, 2, "Bang voor een onbekende manier van werken met huurkledij."),
            (50, 3, ""),
            (10, 4, "Positief na de pasproef."),
        ],
    ),
    (ADVISOR, "Extern aankoopadvies", 2, 4, [(100, 5, "")]),
    (REGION, "Opschaling in de regio", 3, 3, [(60, 4, "Wil de resultaten delen met de regio.")]),
    ("Werkkledij Circulair nv", "Marktpartij in de marktdialoog", 1, 4, [(45, 3, "")]),
    ("Naaiatelier De Draad vzw", "Lokale sociale economie", 1, 3, [(45, 4, "")]),
]

# (stakeholder, category, concern, days ago raised, mitigation, owner, due in days, status)
CONCERNS = [
    (
        "Marc Janssens",
        L.LEGAL_RISK,
        "Circulaire gunningscriteria kunnen aangevochten worden door inschrijvers.",
        115,
        "Extern advies over de gunningscriteria en een getoetst modelbestek.",
        "Hilde Vermeulen",
        -60,
        ST.MITIGATED,
    ),
    (
        "Tom Maes",
        L.UNKNOWN_WAY_OF_WORKING,
        "Wie herstelt de kledij en hoe snel is er vervanging bij een huurmodel?",
        110,
        "Marktdialoog met demonstratie van het herstel- en vervangsysteem; pasproef.",
        "Sofie Peeters",
        20,
        ST.IN_PROGRESS,
    ),
    (
        "Katrien Wouters",
        L.BUDGET,
        "Een huurmodel lijkt duurder dan aankopen.",
        118,
        "Vergelijking van de totale kost over vijf jaar in het voorstel.",
        "Sofie Peeters",
        -90,
        ST.MITIGATED,
    ),
    (
        "Marc Janssens",
        L.SLOWER_LEAD_TIME,
        "De marktdialoog en het nieuwe bestek verlengen de doorlooptijd.",
        60,
        "Planning met buffer en wekelijkse opvolging van de fases.",
        "Sofie Peeters",
        30,
        ST.OPEN,
    ),
    (
        "Pieter Claes",
        L.LOCAL_VS_CIRCULAR,
        "Een grote circulaire leverancier kan de lokale sociale economie verdringen.",
        40,
        "Perceel voor herstel door een lokaal sociaal-economisch atelier onderzoeken.",
        "Pieter Claes",
        45,
        ST.OPEN,
    ),
]

# (days ago, title, participants, organisations, minutes, decisions,
#  [(action, owner, due in days, done)])
CONSULTATIONS = [
    (
        95,
        "Voorstelling proeftraject aan financieel directeur en diensthoofd Aankopen",
        ["Katrien Wouters", "Marc Janssens", "Sofie Peeters", "Hilde Vermeulen"],
        [ADVISOR],
        "Sofie Peeters stelt het proeftraject voor: twee pilots, de werkkledij en het "
        "kantoormeubilair, met vooraf vastgelegde evaluatiepunten. De financieel directeur "
        "vraagt naar de totale kost over de levensduur; het diensthoofd Aankopen naar de "
        "juridische risico's van circulaire gunningscriteria. De externe adviseur licht "
        "toe hoe andere besturen dat aanpakten.",
        [
            "Groen licht voor het proeftraject binnen het voorgestelde budget.",
            "De aanpak is gevalideerd: twee pilots, evaluatiepunten vooraf vastgelegd.",
            "Praktische afspraak: maandelijks opvolgoverleg met Aankopen.",
        ],
        [
            ("Evaluatiepunten per pilot uitschrijven", "Sofie Peeters", -80, True),
            ("Juridisch advies vragen over de gunningscriteria", "Marc Janssens", -70, True),
        ],
    ),
    (
        40,
        "Overleg strategische cel: briefing van het MAT en opschaling",
        ["Pieter Claes", "Sofie Peeters", "Marc Janssens", "Jan Dewitte"],
        [REGION],
        "De strategische cel adviseert het MAT kort te briefen: doel, de twee pilots, "
        "budget, risico's en de gehoorde bezorgdheden. Voor de opschaling naar een "
        "strategisch aankoopbeleid moeten ook lokale en sociale belangen meewegen. De "
        "regionale samenwerking wil de resultaten delen met de andere gemeenten.",
        [
            "Het MAT krijgt een beknopte briefing (pdf) met de pilots, het budget en de risico's.",
            "Het strategisch aankoopbeleid weegt circulaire, lokale en sociale belangen af.",
        ],
        [
            ("MAT-briefing opstellen", "Sofie Peeters", 2, False),
            ("Afwegingskader lokaal, sociaal en circulair voorstellen", "Pieter Claes", -3, False),
        ],
    ),
    (
        10,
        "Managementteam: beslissing over het proeftraject",
        ["An De Smet", "Katrien Wouters", "Pieter Claes", "Marc Janssens"],
        [],
        "Het MAT bespreekt de briefing. De financieel directeur verdedigt het proeftraject; "
        "de strategische cel licht de opschaling toe. Vragen over de doorlooptijd worden "
        "opgevangen met een planning met buffer.",
        [
            "Het MAT keurt het proeftraject goed.",
            "Na afloop van de pilots komt het evaluatierapport terug naar het MAT.",
        ],
        [
            ("Beslissing opnemen in het verslag van het MAT", "An De Smet", 7, False),
            ("Gebruikersgroep samenstellen voor de pasproeven", "Tom Maes", 10, False),
            ("Marktdialoog plannen met de leveranciers", "Sofie Peeters", 14, False),
        ],
    ),
]


# After the pilots: the evaluation goes back to the departments before the MAT adopts the
# policy. Held close to today, whenever the MAT meeting was.
FOLLOW_UP = [
    (
        20,
        "Terugkoppeling van de evaluatie aan de diensten",
        ["Sofie Peeters", "Marc Janssens", "Tom Maes", "Pieter Claes"],
        [REGION],
        "Sofie Peeters overloopt de resultaten van beide pilots met de betrokken diensten. De "
        "werkkledij haalt haar doelen; het kantoormeubilair liep vertraging op bij het "
        "schrijven van het bestek. De diensten vragen een sjabloon voor circulaire criteria "
        "zodat een volgende opdracht sneller gaat.",
        [
            "De werkkledij wordt het model voor de volgende raamovereenkomsten.",
            "Aankopen maakt een sjabloon met circulaire gunningscriteria.",
        ],
        [
            ("Sjabloon circulaire gunningscriteria opstellen", "Marc Janssens", 12, False),
            ("Resultaten delen met de regionale samenwerking", "Sofie Peeters", -2, False),
            ("Gebruikers van de werkkledij bevragen", "Tom Maes", 5, False),
        ],
    ),
]


def _stakeholder(name, people, organisations):
    return {"person": people[name]} if name in people else {"organisation": organisations[name]}


# The story's dates count back from the MAT meeting, which it places this many days ago.
STORY_MAT_DAYS_AGO = 10


@dataclass(frozen=True)
class _Story:
    """What every step of a subject's support story needs: the subject's link, the cast, who
    records it, and its two clocks. `today` is the day the story counts back from (the MAT
    meeting moves with it); `real_today` is the calendar's, for what stays close to now."""

    link: dict
    people: dict
    organisations: dict
    author: object
    today: datetime.date
    real_today: datetime.date


def seed_support_for(*, subject, stdout, mat_meeting_on=None, follow_up=True):
    """The story of support for one subject: who is involved, support rising towards the MAT
    meeting, concerns raised and mitigated, and the three consultations of the approval.

    `mat_meeting_on` places the story in time: everything up to the MAT meeting moves with
    it (the concerns too, open or not), and once the meeting lies further back, the follow-up
    consultation on the evaluation (unless `follow_up` is off) stays close to today. With `follow_up` off, the story
    stops before the MAT meeting: its consultation is added by the next call."""
    real_today = timezone.localdate()
    story_shift = datetime.timedelta(0)
    if mat_meeting_on is not None:
        story_shift = real_today - datetime.timedelta(days=STORY_MAT_DAYS_AGO) - mat_meeting_on
    story = _Story(
        link={"content_type": ContentType.objects.get_for_model(subject), "object_id": subject.pk},
        people={p.full_name: p for p in Person.objects.filter(erased_at__isnull=True)},
        organisations={o.name: o for o in Organisation.objects.all()},
        author=get_user_model().objects.filter(username="inkoper").first(),
        today=real_today - story_shift,
        real_today=real_today,
    )
    consultations = CONSULTATIONS + (FOLLOW_UP if follow_up and story_shift.days > 0 else [])
    if not follow_up:
        # As it stood before the MAT meeting: the meeting itself is not held yet.
        consultations = [row for row in consultations if row[0] > STORY_MAT_DAYS_AGO]
    involvements = _involvements_seed(story)
    _concerns_seed(story, involvements)
    for consultation in consultations:
        _consultation_seed(story, consultation, follow_up=consultation in FOLLOW_UP)
    stdout.write(
        f"  stakeholders: support story for {subject}: {len(INVOLVEMENT)} stakeholders, "
        f"{len(CONCERNS)} concerns, {len(consultations)} consultations"
    )


def _involvements_seed(story: _Story) -> dict:
    """The stakeholders of the subject, each with their support as it was assessed."""
    involvements = {}
    for name, role, influence, interest, assessments in INVOLVEMENT:
        involvement, _ = Involvement.objects.get_or_create(
            **story.link,
            **_stakeholder(name, story.people, story.organisations),
            defaults={"role": role, "influence": influence, "interest": interest},
        )
        involvements[name] = involvement
        for days_ago, level, note in assessments:
            SupportAssessment.objects.get_or_create(
                involvement=involvement,
                assessed_on=story.today - datetime.timedelta(days=days_ago),
                level=level,
                defaults={"note": note, "assessed_by": story.author},
            )
    return involvements


def _concerns_seed(story: _Story, involvements: dict) -> None:
    for name, category, text, raised, mitigation, owner, due, status in CONCERNS:
        # Every concern belongs to the story: the MAT briefing frozen before the meeting lists
        # the open ones, so they were raised before it and are due soon after it.
        anchor = story.today
        Concern.objects.get_or_create(
            involvement=involvements[name],
            category=category,
            description=text,
            defaults={
                "raised_on": anchor - datetime.timedelta(days=raised),
                "mitigation": mitigation,
                "owner": story.people[owner],
                "due_on": anchor + datetime.timedelta(days=due),
                "status": status,
            },
        )


def _consultation_seed(story: _Story, consultation_row: tuple, *, follow_up: bool) -> None:
    """One consultation with its participants, decisions and action items; the follow-up on
    the evaluation is held close to today, the others on the story's days."""
    days_ago, title, participants, orgs, minutes, decisions, actions = consultation_row
    anchor = story.real_today if follow_up else story.today
    consultation, created = Consultation.objects.get_or_create(
        **story.link,
        title=title,
        defaults={
            "held_on": anchor - datetime.timedelta(days=days_ago),
            "minutes": minutes,
            "created_by": story.author,
        },
    )
    if not created:
        return
    consultation.participants.set([story.people[name] for name in participants])
    consultation.organisations.set([story.organisations[name] for name in orgs])
    for text in decisions:
        ConsultationDecision.objects.create(consultation=consultation, text=text)
    for description, owner, due, done in actions:
        due_on = anchor + datetime.timedelta(days=due)
        # Actions whose day lies well in the past were done as the story went on.
        done = done or due_on < story.real_today - datetime.timedelta(days=30)
        ActionItem.objects.create(
            consultation=consultation,
            description=description,
            owner=story.people[owner],
            due_on=due_on,
            done_at=(
                timezone.make_aware(datetime.datetime.combine(due_on, datetime.time(16)))
                if done
                else None
            ),
            done_by=story.author if done else None,
        )
