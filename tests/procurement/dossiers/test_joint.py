"""Joint procurement: a dossier led by one municipality on behalf of participants of its
region. The rules, the total value behind the procedure suggestion, what a participant and
an outsider see, and per-municipality reference numbering."""

import csv
import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.membership import SESSION_KEY, first_municipality
from core.models import Municipality, Region
from core.roles import Role
from core.scoping import municipality_scope
from dashboard.selectors import pipeline_counts
from procurement.dossiers import rules, services
from procurement.dossiers.selectors import visible_dossiers
from procurement.models import Dossier, JointParticipation, SubjectType
from tests.factories import DepartmentFactory, DossierFactory, PersonFactory, UserFactory

LIST = reverse("procurement:dossier_list")
PUBLICATION = datetime.date(2027, 3, 1)
LOW_NEGOTIATED = "onderhandelingsprocedure-zonder-bekendmaking"
SIMPLIFIED = "vereenvoudigde-onderhandelingsprocedure"
OPEN = "openbare-procedure"


@pytest.fixture
def region(db):
    region = Region.objects.create(name="Regio Test")
    city = first_municipality()
    city.region = region
    city.save(update_fields=["region"])
    return region


@pytest.fixture
def neighbour(region):
    return Municipality.objects.create(
        name="Gemeente Oostdorp", nis_code="99001", region=region, reference_prefix="OOS"
    )


@pytest.fixture
def other_neighbour(region):
    return Municipality.objects.create(
        name="Gemeente Westveld", nis_code="99002", region=region, reference_prefix="WES"
    )


@pytest.fixture
def stranger(db):
    """A municipality of another region."""
    elsewhere = Region.objects.create(name="Regio Elders")
    return Municipality.objects.create(name="Gemeente Verweg", nis_code="88001", region=elsewhere)


def officer_of(municipality, username):
    return UserFactory(
        username=username, roles=[Role.PROCUREMENT_OFFICER], roles__municipality=municipality
    )


def joint_dossier(officer, department, *participants, own="100000", share="20000", **fields):
    """A dossier of the first municipality registered through the service, with each of
    `participants` taking part for `share`."""
    dossier = services.dossier_create(
        user=officer,
        title=fields.pop("title", "Gezamenlijke kantoormeubelen"),
        department=department,
        subject_type=SubjectType.SUPPLIES,
        estimated_value=Decimal(own),
        planned_publication_date=PUBLICATION,
        **fields,
    )
    for municipality in participants:
        services.participation_add(
            user=officer, dossier_id=dossier.pk, municipality=municipality, share=Decimal(share)
        )
    dossier.refresh_from_db()
    return dossier


def csv_rows(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


# --- The rules -------------------------------------------------------------------------------


def test_the_total_value_is_the_own_value_plus_the_shares():
    assert rules.total_value(own_value=Decimal("100"), shares=[]) == Decimal("100")
    assert rules.total_value(
        own_value=Decimal("100000"), shares=[Decimal("20000.50"), Decimal("0")]
    ) == Decimal("120000.50")


@pytest.mark.django_db
def test_only_other_municipalities_of_the_leads_region_may_take_part(region, neighbour, stranger):
    city = first_municipality()
    assert rules.participant_refusal(lead=city, candidate=neighbour) is None
    assert "eigen dossier" in rules.participant_refusal(lead=city, candidate=city)
    assert "geen gemeente van de regio" in rules.participant_refusal(lead=city, candidate=stranger)
    loner = Municipality.objects.create(name="Gemeente Alleen", nis_code="77001")
    assert "hoort bij geen regio" in rules.participant_refusal(lead=loner, candidate=neighbour)


def test_a_share_must_be_given_and_not_negative():
    assert rules.share_refusal(Decimal("0")) is None
    assert "negatief" in rules.share_refusal(Decimal("-0.01"))
    assert rules.share_refusal(None)


# --- The services ------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("share", "expected"), [("42999.99", LOW_NEGOTIATED), ("43000.00", SIMPLIFIED)]
)
def test_the_suggestion_follows_the_total_value_at_the_threshold(
    users, department, neighbour, share, expected
):
    # Alone, 100.000 stays below 143.000; with the share the total reaches it or not.
    dossier = joint_dossier(users["officer"], department, neighbour, own="100000", share=share)
    assert dossier.suggested_procedure.code == expected
    assert visible_dossiers().get(pk=dossier.pk).total_value == Decimal("100000") + Decimal(share)


@pytest.mark.django_db
def test_the_suggestion_is_recomputed_when_participants_change(
    users, department, neighbour, other_neighbour
):
    officer = users["officer"]
    dossier = joint_dossier(officer, department, own="150000", share="0")
    assert dossier.suggested_procedure.code == SIMPLIFIED
    services.participation_add(
        user=officer, dossier_id=dossier.pk, municipality=neighbour, share=Decimal("65999.99")
    )
    dossier.refresh_from_db()
    assert dossier.suggested_procedure.code == SIMPLIFIED
    added = services.participation_add(
        user=officer, dossier_id=dossier.pk, municipality=other_neighbour, share=Decimal("0.01")
    )
    dossier.refresh_from_db()
    assert dossier.suggested_procedure.code == OPEN  # 216.000: the EU threshold for supplies
    services.participation_change(
        user=officer, dossier_id=dossier.pk, participation_id=added.pk, share=Decimal("0")
    )
    dossier.refresh_from_db()
    assert dossier.suggested_procedure.code == SIMPLIFIED
    services.participation_change(
        user=officer, dossier_id=dossier.pk, participation_id=added.pk, share=Decimal("1")
    )
    services.participation_remove(user=officer, dossier_id=dossier.pk, participation_id=added.pk)
    dossier.refresh_from_db()
    assert dossier.suggested_procedure.code == SIMPLIFIED
    # A change of the own value still counts the shares.
    services.dossier_update(dossier_id=dossier.pk, user=officer, estimated_value=Decimal("150001"))
    dossier.refresh_from_db()
    assert dossier.suggested_procedure.code == OPEN


@pytest.mark.django_db
def test_a_change_of_the_suggestion_is_in_the_dossiers_history_and_who_changed_shares(
    users, department, neighbour
):
    officer = users["officer"]
    dossier = joint_dossier(officer, department, own="100000", share="0")
    rows_before = dossier.history.count()
    services.participation_add(
        user=officer, dossier_id=dossier.pk, municipality=neighbour, share=Decimal("1000")
    )
    assert dossier.history.count() == rows_before  # same suggestion: no dossier change
    participation = JointParticipation.objects.get()
    services.participation_change(
        user=officer,
        dossier_id=dossier.pk,
        participation_id=participation.pk,
        share=Decimal("50000"),
    )
    latest = dossier.history.first()
    assert latest.suggested_procedure.code == SIMPLIFIED
    assert latest.history_user == officer
    assert [h.share for h in participation.history.order_by("history_date")] == [
        Decimal("1000.00"),
        Decimal("50000.00"),
    ]
    assert {h.history_user for h in participation.history.all()} == {officer}


@pytest.mark.django_db
def test_it_refuses_the_lead_a_stranger_a_second_time_and_a_negative_share(
    users, department, neighbour, stranger
):
    officer = users["officer"]
    dossier = joint_dossier(officer, department, neighbour)
    cases = [
        (first_municipality(), Decimal("1"), "municipality", "eigen dossier"),
        (stranger, Decimal("1"), "municipality", "geen gemeente van de regio"),
        (neighbour, Decimal("1"), "municipality", "neemt al deel"),
    ]
    for municipality, share, field, message in cases:
        with pytest.raises(ValidationError) as error:
            services.participation_add(
                user=officer, dossier_id=dossier.pk, municipality=municipality, share=share
            )
        assert message in error.value.message_dict[field][0]
    with pytest.raises(ValidationError) as error:
        services.participation_change(
            user=officer,
            dossier_id=dossier.pk,
            participation_id=JointParticipation.objects.get().pk,
            share=Decimal("-5"),
        )
    assert "negatief" in error.value.message_dict["share"][0]
    assert list(JointParticipation.objects.values_list("municipality", "share")) == [
        (neighbour.pk, Decimal("20000.00"))
    ]


@pytest.mark.django_db
def test_the_database_refuses_a_participant_twice_and_a_negative_share(
    users, department, neighbour
):
    dossier = joint_dossier(users["officer"], department, neighbour)
    with pytest.raises(IntegrityError), transaction.atomic():
        JointParticipation.objects.create(dossier=dossier, municipality=neighbour, share=1)
    other = DossierFactory(reference="X-0001", department=department)
    with pytest.raises(IntegrityError), transaction.atomic():
        JointParticipation.objects.create(dossier=other, municipality=neighbour, share=-1)


@pytest.mark.django_db
def test_only_the_leads_procurement_roles_change_participants(users, department, neighbour):
    dossier = joint_dossier(users["officer"], department)
    with pytest.raises(PermissionDenied):
        services.participation_add(
            user=users["staff"], dossier_id=dossier.pk, municipality=neighbour, share=Decimal(1)
        )
    buyer = officer_of(neighbour, "buur")
    with municipality_scope(neighbour), pytest.raises(Dossier.DoesNotExist):
        services.participation_add(
            user=buyer, dossier_id=dossier.pk, municipality=neighbour, share=Decimal(1)
        )
    assert not JointParticipation.objects.exists()


# --- The lead's pages ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_lead_adds_changes_and_removes_a_participant_in_place(
    client_for, users, department, neighbour
):
    dossier = joint_dossier(users["officer"], department, own="100000")
    client = client_for("officer")
    add = reverse("procurement:participation_add", args=[dossier.reference])
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "joint-participants"}
    response = client.post(add, {"municipality": neighbour.pk, "share": "43.000,00"}, **htmx)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "Gemeente Oostdorp neemt deel" in body
    assert "143.000,00" in body  # the total
    assert 'id="dossier-suggested-procedure" hx-swap-oob="true"' in body
    assert "Vereenvoudigde onderhandelingsprocedure" in body
    participation = JointParticipation.objects.get()
    assert participation.share == Decimal("43000")
    assert participation.added_by == users["officer"]

    change = reverse("procurement:participation_change", args=[dossier.reference, participation.pk])
    response = client.post(change, {"share": "1.000"})
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.share == Decimal("1000")

    remove = reverse("procurement:participation_remove", args=[dossier.reference, participation.pk])
    assert "Gemeente Oostdorp" in client.get(remove).content.decode()  # a confirmation page
    assert JointParticipation.objects.exists()
    assert client.post(remove).status_code == 302
    assert not JointParticipation.objects.exists()
    dossier.refresh_from_db()
    assert dossier.suggested_procedure.code == LOW_NEGOTIATED

    body = client.get(dossier.get_absolute_url()).content.decode()
    # The dossier's history shows the suggestion moving with the participants ...
    assert "Voorgestelde procedure:</span> Vereenvoudigde" in body
    # ... and the lead sees who changed the participants.
    assert "Gemeente Oostdorp toegevoegd met een aandeel van €\xa043.000,00" in body
    assert "aandeel van Gemeente Oostdorp op €\xa01.000,00 gezet" in body
    assert "Gemeente Oostdorp verwijderd" in body


@pytest.mark.django_db
def test_a_forged_municipality_or_share_gives_a_dutch_message_and_saves_nothing(
    client_for, users, department, neighbour, stranger
):
    dossier = joint_dossier(users["officer"], department)
    client = client_for("officer")
    add = reverse("procurement:participation_add", args=[dossier.reference])
    for municipality_id in (stranger.pk, first_municipality().pk, 999999, "x"):
        response = client.post(add, {"municipality": municipality_id, "share": "10"})
        assert response.status_code == 200
        assert "Kies een gemeente van de regio van" in response.content.decode()
    response = client.post(add, {"municipality": neighbour.pk, "share": "-3"})
    assert "minstens 0" in response.content.decode()
    response = client.post(add, {"municipality": neighbour.pk, "share": "veel"})
    assert response.status_code == 200
    assert not JointParticipation.objects.exists()


@pytest.mark.django_db
def test_department_staff_may_not_change_participants(client_for, users, department, neighbour):
    dossier = joint_dossier(users["officer"], department)
    add = reverse("procurement:participation_add", args=[dossier.reference])
    response = client_for("staff").post(add, {"municipality": neighbour.pk, "share": "10"})
    assert response.status_code == 403
    assert not JointParticipation.objects.exists()


@pytest.mark.django_db
def test_participations_of_another_municipalitys_dossier_are_not_found(
    client, users, department, neighbour, other_neighbour
):
    """The neighbour's officer forges the URLs of the city's dossier: every one is a 404,
    also for the dossier the neighbour takes part in."""
    dossier = joint_dossier(users["officer"], department, neighbour)
    participation = JointParticipation.objects.get()
    client.force_login(officer_of(neighbour, "buur"))
    urls = [
        reverse("procurement:participation_add", args=[dossier.reference]),
        reverse("procurement:participation_change", args=[dossier.reference, participation.pk]),
        reverse("procurement:participation_remove", args=[dossier.reference, participation.pk]),
        reverse("procurement:dossier_update", args=[dossier.reference]),
    ]
    for url in urls:
        data = {"municipality": other_neighbour.pk, "share": "1", "title": "Gekaapt"}
        assert client.post(url, data).status_code == 404, url
    assert client.get(urls[2]).status_code == 404
    assert client.get(urls[3]).status_code == 404
    participation.refresh_from_db()
    assert participation.share == Decimal("20000")
    assert JointParticipation.objects.count() == 1
    assert Dossier.objects.get().title == "Gezamenlijke kantoormeubelen"


# --- What a participant and an outsider see --------------------------------------------------


@pytest.fixture
def seen(users, department, neighbour, other_neighbour):
    """A joint dossier of the city for the neighbour, with the lead's internal data; the
    neighbour's own dossier; the other neighbour takes part in nothing."""
    owner = PersonFactory(full_name="Interne Eigenaar", department=department)
    dossier = joint_dossier(
        users["officer"],
        department,
        neighbour,
        own="100000",
        share="20000",
        owner=owner,
        notes="Interne nota van de stad",
        willingness_motivation="Interne motivatie",
    )
    with municipality_scope(neighbour):
        own = DossierFactory(
            title="Eigen dossier Oostdorp", department=DepartmentFactory(code="oos-geb")
        )
    return {"dossier": dossier, "own": own}


@pytest.mark.django_db
def test_a_participant_sees_the_joint_dossier_marked_in_its_register(client, seen, neighbour):
    client.force_login(officer_of(neighbour, "buur"))
    body = client.get(LIST).content.decode()
    assert "Gezamenlijke kantoormeubelen" in body
    assert "gezamenlijk, getrokken door Stad Voorbeeld" in body
    assert f'?lead={first_municipality().pk}"' in body
    assert "Eigen dossier Oostdorp" in body
    assert "Gebouwen" not in body  # the lead's department

    own = client.get(LIST, {"register": "own"}).content.decode()
    assert "Eigen dossier Oostdorp" in own
    assert "Gezamenlijke kantoormeubelen" not in own
    for register in ("joint", "participating"):
        joint = client.get(LIST, {"register": register}).content.decode()
        assert "Gezamenlijke kantoormeubelen" in joint
        assert "Eigen dossier Oostdorp" not in joint


@pytest.mark.django_db
def test_the_lead_sees_its_joint_dossier_as_its_own(client_for, seen):
    client = client_for("officer")
    own = client.get(LIST, {"register": "own"}).content.decode()
    assert "Gezamenlijke kantoormeubelen" in own
    assert "gezamenlijk, met 1 deelnemer" in own
    assert "Eigen dossier Oostdorp" not in client.get(LIST).content.decode()
    assert (
        "Gezamenlijke kantoormeubelen"
        not in client.get(LIST, {"register": "participating"}).content.decode()
    )


@pytest.mark.django_db
def test_a_participant_reads_the_detail_without_the_leads_internal_data(client, seen, neighbour):
    client.force_login(officer_of(neighbour, "buur"))
    dossier = seen["dossier"]
    response = client.get(dossier.get_absolute_url(), {"lead": dossier.municipality_id})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Gezamenlijke kantoormeubelen" in body
    assert "Getrokken door <strong>Stad Voorbeeld</strong>" in body
    assert "Gemeente Oostdorp" in body
    assert "20.000,00" in body
    assert "120.000,00" in body
    for internal in ("Interne Eigenaar", "Interne nota", "Interne motivatie", "Gebouwen"):
        assert internal not in body, internal
    assert "Wijzigingsgeschiedenis" not in body
    assert reverse("procurement:dossier_update", args=[dossier.reference]) not in body
    assert "participants/" not in body  # no forms to change participants
    assert client.get(dossier.get_absolute_url()).status_code == 200  # without ?lead too


@pytest.mark.django_db
def test_a_participants_own_reference_comes_before_the_leads(client, users, department, neighbour):
    """References are unique per municipality only: the same 2026-0001 can be visible twice."""
    dossier = joint_dossier(users["officer"], department, neighbour)
    with municipality_scope(neighbour):
        DossierFactory(
            reference=dossier.reference,
            title="Zelfde referentie Oostdorp",
            department=DepartmentFactory(code="oos-geb"),
        )
    client.force_login(officer_of(neighbour, "buur"))
    url = dossier.get_absolute_url()
    assert "Zelfde referentie Oostdorp" in client.get(url).content.decode()
    lead = client.get(url, {"lead": dossier.municipality_id}).content.decode()
    assert "Gezamenlijke kantoormeubelen" in lead
    assert client.get(url, {"lead": "x"}).status_code == 404


@pytest.mark.django_db
def test_a_participant_exports_the_joint_dossier_without_the_leads_internal_data(
    client, seen, neighbour
):
    client.force_login(officer_of(neighbour, "buur"))
    rows = csv_rows(client.get(reverse("procurement:dossier_export", args=["csv"])))
    header, by_title = rows[0], {row[1]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert set(by_title) == {"Gezamenlijke kantoormeubelen", "Eigen dossier Oostdorp"}
    joint = by_title["Gezamenlijke kantoormeubelen"]
    assert joint["Trekkende gemeente"] == "Stad Voorbeeld"
    assert joint["Deelnemers"] == "Gemeente Oostdorp"
    assert joint["Dienst"] == joint["Verantwoordelijke"] == ""
    assert joint["Totale waarde excl. btw"] == "120000,00"
    assert "Gebouwen" not in "".join(",".join(row) for row in rows)
    assert "Totale waarde excl. btw" in header


@pytest.mark.django_db
def test_a_municipality_that_takes_no_part_sees_nothing_of_it(client, seen, other_neighbour):
    client.force_login(officer_of(other_neighbour, "west"))
    dossier = seen["dossier"]
    assert "Gezamenlijke kantoormeubelen" not in client.get(LIST).content.decode()
    url = dossier.get_absolute_url()
    assert client.get(url).status_code == 404
    assert client.get(url, {"lead": dossier.municipality_id}).status_code == 404
    assert (
        client.get(reverse("procurement:dossier_update", args=[dossier.reference])).status_code
        == 404
    )
    rows = csv_rows(client.get(reverse("procurement:dossier_export", args=["csv"])))
    assert len(rows) == 1  # the header alone
    xlsx = client.get(reverse("procurement:dossier_export", args=["xlsx"]))
    assert xlsx.status_code == 200


@pytest.mark.django_db
def test_the_dashboard_counts_only_own_dossiers(seen, neighbour):
    with municipality_scope(neighbour):
        assert sum(row["count"] for row in pipeline_counts()) == 1
        assert visible_dossiers().count() == 2


@pytest.mark.django_db
def test_the_register_costs_the_same_queries_with_5_or_40_joint_dossiers(
    client, users, department, neighbour, other_neighbour
):
    buyer = officer_of(neighbour, "buur")
    counts = {}
    for batch in (5, 35):
        for n in range(batch):
            dossier = DossierFactory(department=department, title=f"Samen {batch}-{n}")
            for municipality in (neighbour, other_neighbour):
                JointParticipation.objects.create(
                    dossier=dossier, municipality=municipality, share=Decimal("1000")
                )
        for name, user in (("lead", users["officer"]), ("participant", buyer)):
            client.force_login(user)
            with CaptureQueriesContext(connection) as queries:
                response = client.get(LIST)
            assert response.status_code == 200
            counts[(name, batch)] = len(queries)
    assert counts[("lead", 5)] == counts[("lead", 35)]
    assert counts[("participant", 5)] == counts[("participant", 35)]
    assert max(counts.values()) <= 14


# --- References per municipality --------------------------------------------------------------


@pytest.mark.django_db
def test_two_municipalities_without_prefix_both_have_the_first_reference(users, department):
    other = Municipality.objects.create(name="Gemeente Zonder", nis_code="66001")
    first = services.dossier_create(
        user=users["officer"],
        title="Stad",
        department=department,
        subject_type=SubjectType.SUPPLIES,
        estimated_value=Decimal("1000"),
    )
    buyer = officer_of(other, "zonder")
    with municipality_scope(other):
        second = services.dossier_create(
            user=buyer,
            title="Zonder",
            department=DepartmentFactory(code="z-geb"),
            subject_type=SubjectType.SUPPLIES,
            estimated_value=Decimal("1000"),
        )
        with pytest.raises(IntegrityError), transaction.atomic():
            DossierFactory(reference=second.reference, department=second.department)
    assert first.reference == second.reference == f"{first.created_at.astimezone().year}-0001"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_number_each_municipality_on_its_own(region):
    """Two municipalities register at once, 10 dossiers each: each gets an unbroken series
    under its own prefix, and no registration waits for or breaks the other's."""
    per_municipality = 10
    city = first_municipality()
    city.reference_prefix = "VBS"
    city.save(update_fields=["reference_prefix"])
    neighbour = Municipality.objects.create(
        name="Gemeente Oostdorp", nis_code="99001", region=region, reference_prefix="OOS"
    )
    setups = {}
    for municipality, username in ((city, "stad"), (neighbour, "buur")):
        with municipality_scope(municipality):
            setups[municipality.pk] = (
                officer_of(municipality, username),
                DepartmentFactory(code=f"{username}-geb"),
            )
    errors = []
    barrier = threading.Barrier(2 * per_municipality)

    def register(municipality, n):
        officer, department = setups[municipality.pk]
        try:
            # A new thread starts without the test's scope: it works as its municipality.
            with municipality_scope(municipality):
                barrier.wait()
                services.dossier_create(
                    user=officer,
                    title=f"D{n}",
                    department=department,
                    subject_type=SubjectType.SUPPLIES,
                    estimated_value=Decimal("1000"),
                )
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    workers = [
        threading.Thread(target=register, args=(municipality, n))
        for municipality in (city, neighbour)
        for n in range(per_municipality)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert errors == []
    for municipality in (city, neighbour):
        with municipality_scope(municipality):
            references = sorted(Dossier.objects.values_list("reference", flat=True))
        year = references[0].split("-")[1]
        prefix = municipality.reference_prefix
        assert references == [f"{prefix}-{year}-{n:04d}" for n in range(1, per_municipality + 1)]


@pytest.mark.django_db
def test_the_leads_detail_costs_the_same_queries_with_1_or_12_participants(
    client_for, users, department, region
):
    dossier = joint_dossier(users["officer"], department)
    client = client_for("officer")
    counts = []
    for size in (1, 12):
        while dossier.participations.count() < size:
            n = dossier.participations.count()
            municipality = Municipality.objects.create(
                name=f"Gemeente {n}", nis_code=f"{95000 + n}", region=region
            )
            services.participation_add(
                user=users["officer"],
                dossier_id=dossier.pk,
                municipality=municipality,
                share=Decimal("1000"),
            )
        with CaptureQueriesContext(connection) as queries:
            assert client.get(dossier.get_absolute_url()).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_forms_live_suggestion_counts_the_participants_shares(
    client_for, users, department, neighbour
):
    dossier = joint_dossier(users["officer"], department, neighbour, own="100000", share="43000")
    client = client_for("officer")
    url = reverse("procurement:procedure_suggestion")
    typed = {"subject_type": "supplies", "estimated_value": "100.000", "dossier": dossier.reference}
    body = client.get(url, typed).content.decode()
    assert "Vereenvoudigde onderhandelingsprocedure" in body
    assert "143.000,00" in body
    alone = client.get(url, {**typed, "dossier": ""}).content.decode()
    assert "Onderhandelingsprocedure zonder" in alone
    edit = client.get(reverse("procurement:dossier_update", args=[dossier.reference]))
    assert f"?dossier={dossier.reference}" in edit.content.decode()


@pytest.mark.django_db
def test_a_bad_share_in_place_shows_the_message_in_the_section(
    client_for, users, department, neighbour
):
    dossier = joint_dossier(users["officer"], department, neighbour)
    participation = JointParticipation.objects.get()
    url = reverse("procurement:participation_change", args=[dossier.reference, participation.pk])
    htmx = {"HTTP_HX_REQUEST": "true", "HTTP_HX_TARGET": "joint-participants"}
    response = client_for("officer").post(url, {"share": "-1"}, **htmx)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "minstens 0" in body
    participation.refresh_from_db()
    assert participation.share == Decimal("20000")


@pytest.mark.django_db
def test_the_admin_shows_the_participants_read_only(client_for, users, department, neighbour):
    dossier = joint_dossier(users["officer"], department, neighbour)
    url = reverse("admin:procurement_dossier_change", args=[dossier.pk])
    client = client_for("admin_user")
    session = client.session
    session[SESSION_KEY] = first_municipality().pk  # a superuser may work in any municipality
    session.save()
    body = client.get(url).content.decode()
    assert "Gemeente Oostdorp" in body
    assert 'name="participations-0-share"' not in body
