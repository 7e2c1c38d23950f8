"""The notifications page, its unread count in the navigation, the settings page, the admin
and the language menu remembering the choice for the mails."""

import pytest
from django.core import mail
from django.urls import reverse

from core.scoping import municipality_scope
from notifications import services
from notifications.models import Delivery, Kind, Notification, NotificationPreference, UserLanguage
from tests.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db
LIST = "/notifications/"


def _told(user, n=1, *, title="Programma goedgekeurd", link="/programmes/"):
    for i in range(n):
        services.notify(user, kind=Kind.OUTCOME, title=f"{title} {i}", link=link)


def test_the_list_shows_ones_own_notifications_with_the_unread_count(client_for, users):
    _told(users["officer"], 2, title="Voor mij")
    _told(users["head"], title="Voor een ander")
    response = client_for("officer").get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voor mij 0" in html
    assert "Voor mij 1" in html
    assert "Voor een ander" not in html
    assert 'href="/notifications/"' in html
    assert 'text-bg-warning">2<span class="visually-hidden"> ongelezen' in html


def test_opening_a_notification_marks_it_read_and_goes_where_it_points(client_for, users):
    _told(users["officer"], link="/programmes/")
    notification = Notification.objects.get()
    response = client_for("officer").post(
        reverse("notifications:read", args=[notification.pk]), {"open": "1"}
    )
    assert response["Location"] == "/programmes/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_a_link_elsewhere_is_never_followed(client_for, users):
    _told(users["officer"], link="https://elders.example/")
    notification = Notification.objects.get()
    response = client_for("officer").post(
        reverse("notifications:read", args=[notification.pk]), {"open": "1"}
    )
    assert response["Location"] == LIST


def test_someone_elses_notification_or_another_municipalitys_is_not_found(client_for, users):
    _told(users["head"])
    theirs = Notification.objects.get()
    with municipality_scope(MunicipalityFactory()):
        _told(users["officer"], title="Elders")
        elsewhere = Notification.objects.get()
    client = client_for("officer")
    for notification in (theirs, elsewhere):
        response = client.post(reverse("notifications:read", args=[notification.pk]))
        assert response.status_code == 404
    assert "Elders" not in client.get(LIST).content.decode()
    assert Notification.objects.unread().count() == 1  # only A's own, the head's


def test_mark_all_as_read(client_for, users):
    _told(users["officer"], 3)
    _told(users["head"])
    response = client_for("officer").post(reverse("notifications:read_all"), follow=True)
    assert "3 melding(en) als gelezen gemarkeerd." in response.content.decode()
    assert list(Notification.objects.unread().values_list("recipient", flat=True)) == [
        users["head"].pk
    ]


@pytest.mark.parametrize("unread", [0, 40])
def test_the_unread_count_in_the_navigation_costs_no_query(
    client_for, users, unread, django_assert_num_queries
):
    """The count is read with the workplace's query (core.membership); the page costs the same
    queries for 0 or 40 unread notifications, and as many as before the count existed."""
    _told(users["staff"], unread)
    client = client_for("staff")
    client.get("/accounts/password_change/")  # the session is written once, before counting
    with django_assert_num_queries(NAV_PAGE_QUERIES):
        response = client.get("/accounts/password_change/")
    expected = f'text-bg-warning">{unread}<span' if unread else "bi-bell"
    assert expected in response.content.decode()


# Session, user, the workplace (municipalities with the unread count), its roles and the
# navigation's count of programmes awaiting a decision.
NAV_PAGE_QUERIES = 5


def test_the_settings_page_saves_choices_but_never_for_a_decision(client_for, users):
    client = client_for("officer")
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Altijd meteen gemaild" in page
    assert 'name="decision"' not in page
    response = client.post(
        reverse("notifications:preferences"),
        {
            "language": "en",
            "decision": Delivery.OFF,  # not a field: ignored
            "outcome": Delivery.DIGEST,
            "advice": Delivery.OFF,
            "inventory": Delivery.IMMEDIATELY,
            "action_item": Delivery.DIGEST,
        },
    )
    assert response.status_code == 302
    chosen = dict(
        NotificationPreference.objects.filter(user=users["officer"]).values_list("kind", "delivery")
    )
    assert chosen == {
        "outcome": "digest",
        "advice": "off",
        "inventory": "immediately",
        "action_item": "digest",
    }
    assert UserLanguage.objects.get(user=users["officer"]).language == "en"
    services.notify(users["officer"], kind=Kind.DECISION, title="Beslis", link="/")
    assert len(mail.outbox) == 0  # no mail template: in-app only; the rule is in test_rules


def test_a_bad_choice_is_refused_with_a_message(client_for):
    response = client_for("officer").post(
        reverse("notifications:preferences"), {"language": "xx", "outcome": "sometimes"}
    )
    assert response.status_code == 200
    assert "Verbeter de fouten hieronder." in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_admin_refuses_to_turn_off_a_decision(client_for, users):
    client = client_for("admin_user")
    url = reverse("admin:notifications_notificationpreference_add")
    base = {"user": users["director"].pk, "kind": Kind.DECISION}
    response = client.post(url, {**base, "delivery": Delivery.OFF})
    assert response.status_code == 200
    assert "altijd meteen" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    response = client.post(url, {**base, "kind": Kind.OUTCOME, "delivery": Delivery.OFF})
    assert response.status_code == 302
    assert NotificationPreference.objects.get().delivery == Delivery.OFF


def test_the_language_menu_remembers_the_choice_for_the_mails(client_for, users):
    client = client_for("officer")
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert UserLanguage.objects.get(user=users["officer"]).language == "en"
    client.post(reverse("set_language"), {"language": "nl-be", "next": "/"})
    assert UserLanguage.objects.get(user=users["officer"]).language == "nl-be"


def test_the_language_menu_still_works_anonymously(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert not UserLanguage.objects.exists()


@pytest.mark.parametrize("count", [3, 60])
def test_the_list_costs_the_same_queries_for_3_or_60_notifications(
    client_for, users, count, django_assert_num_queries
):
    _told(users["officer"], count)
    client = client_for("officer")
    client.get(LIST)
    # Five for every page of the officer (session, user, workplace, roles, awaiting), then
    # the page of notifications, their count for the pagination and the unread count.
    with django_assert_num_queries(8):
        response = client.get(LIST)
    assert response.status_code == 200
