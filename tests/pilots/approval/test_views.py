import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from pilots.models import Decision, Outcome, Phase, Programme, Revision
from tests.factories import DossierFactory
from tests.pilots.factories import make_programme
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _programme_post(**overrides):
    data = {
        "title": "Circulair schoonmaken",
        "purpose": "Leren.",
        "context": "Waarom circulair.",
        "budget": "15000",
        "funding_channel": "Budget Gebouwen",
        "start_date": "2026-09-01",
        "risks": "",
        "agreements": "",
        "dossiers": [DossierFactory().pk],
    }
    data.update(overrides)
    return data


def test_an_officer_creates_a_programme_by_hand(client_for):
    response = client_for("officer").post(reverse("pilots:programme_create"), _programme_post())
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response.url == programme.get_absolute_url()
    assert programme.pilots.count() == 1


def test_the_create_form_starts_with_the_default_context(client_for):
    response = client_for("officer").get(reverse("pilots:programme_create"))
    assert "Circulair aankopen houdt" in response.content.decode()


def test_bad_input_shows_a_message_and_saves_nothing(client_for):
    response = client_for("officer").post(
        reverse("pilots:programme_create"), _programme_post(budget="-5", title="")
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Programme.objects.exists()


def test_an_officer_edits_a_draft_and_changes_its_pilots(client_for, programme):
    new = DossierFactory()
    response = client_for("officer").post(
        reverse("pilots:programme_update", args=[programme.pk]),
        _programme_post(title="Nieuwe titel", dossiers=[new.pk]),
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.title == "Nieuwe titel"
    assert [p.dossier for p in programme.pilots.all()] == [new]


def test_a_locked_programme_cannot_be_edited_through_the_form(client_for, submitted):
    client = client_for("officer")
    url = reverse("pilots:programme_update", args=[submitted.pk])
    assert client.get(url).status_code == 302
    response = client.post(url, _programme_post(title="Stiekem"))
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.title != "Stiekem"
    pilot = submitted.pilots.first()
    response = client.post(reverse("pilots:pilot_update", args=[pilot.pk]), {"scope": "Stiekem"})
    assert response.status_code == 302
    pilot.refresh_from_db()
    assert pilot.scope != "Stiekem"


def _pilot_post(pilot, **overrides):
    data = {"scope": "Afgebakend.", "objectives": "Doelen.", "circular_strategies": []}
    for phase in pilot.phases.all():
        data[f"phase_{phase.pk}_start"] = phase.planned_start.isoformat()
        data[f"phase_{phase.pk}_end"] = phase.planned_end.isoformat()
    data.update(overrides)
    return data


def test_an_officer_plans_the_phases_of_a_pilot(client_for, programme):
    pilot = programme.pilots.first()
    phase = pilot.phases.first()
    end = phase.planned_end + datetime.timedelta(days=10)
    response = client_for("officer").post(
        reverse("pilots:pilot_update", args=[pilot.pk]),
        _pilot_post(pilot, **{f"phase_{phase.pk}_end": end.isoformat()}),
    )
    assert response.status_code == 302
    phase.refresh_from_db()
    pilot.refresh_from_db()
    assert phase.planned_end == end
    assert pilot.scope == "Afgebakend."


def test_a_phase_ending_before_it_starts_is_refused_with_a_message(client_for, programme):
    pilot = programme.pilots.first()
    phase = pilot.phases.first()
    before = phase.planned_start - datetime.timedelta(days=1)
    response = client_for("officer").post(
        reverse("pilots:pilot_update", args=[pilot.pk]),
        _pilot_post(pilot, **{f"phase_{phase.pk}_end": before.isoformat()}),
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Phase.objects.get(pk=phase.pk).planned_end == phase.planned_end
    assert pilot.__class__.objects.get(pk=pilot.pk).scope != "Afgebakend."


def test_submit_shows_a_confirmation_then_submits_once(client_for, programme):
    client = client_for("officer")
    url = reverse("pilots:programme_submit", args=[programme.pk])
    assert client.get(url).status_code == 200
    assert not Revision.objects.exists()
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302
    assert Revision.objects.count() == 1


def test_the_financial_director_decides_through_the_form(client_for, submitted, users):
    client = client_for("director")
    url = reverse("pilots:programme_decide", args=[submitted.pk])
    form = client.get(url).context["form"]
    assert set(form.fields) == {
        "outcome",
        "motivation",
        "conditions",
        "co_validator",
        "decided_on",
    }
    response = client.post(url, {"outcome": "approved", "co_validator": users["head"].pk})
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.recorded_by == users["director"]
    assert decision.co_validator == users["head"]


def test_a_refusal_without_motivation_shows_a_message_and_saves_nothing(
    client_for, submitted, users
):
    response = client_for("director").post(
        reverse("pilots:programme_decide", args=[submitted.pk]),
        {"outcome": "rejected", "motivation": "", "co_validator": users["head"].pk},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["motivation"]
    assert not Decision.objects.exists()


def test_a_double_click_records_one_decision(client_for, submitted, users):
    client = client_for("director")
    url = reverse("pilots:programme_decide", args=[submitted.pk])
    data = {"outcome": "approved", "co_validator": users["head"].pk}
    assert client.post(url, data).status_code == 302
    second = client.post(url, data)
    assert second.status_code == 302
    assert Decision.objects.count() == 1


def test_the_strategic_cell_advises_and_the_mat_secretary_records(
    client_for, submitted, users, decide
):
    decide("director", submitted)
    client = client_for("cell")
    url = reverse("pilots:programme_decide", args=[submitted.pk])
    assert set(client.get(url).context["form"].fields) == {
        "communication_advice",
        "scale_up_advice",
        "decided_on",
    }
    client.post(url, {"communication_advice": "Kort.", "scale_up_advice": "Lokaal en sociaal."})
    client = client_for("mat")
    programme_page = client.get(reverse("pilots:programme_detail", args=[submitted.pk]))
    assert "wordt nog opgemaakt" in programme_page.content.decode()
    assert url not in programme_page.content.decode()  # no "Decide" button yet
    page = client.get(url)
    assert "meeting_date" in page.context["form"].fields
    assert "wordt nog opgemaakt" in page.content.decode()
    today = timezone.localdate().isoformat()
    fields = {"outcome": "approved", "meeting_date": today, "conditions": "Terugkoppelen."}
    # Until a worker has frozen the briefing the MAT decides on, the decision is refused and
    # the form keeps what was typed.
    refused = client.post(url, fields)
    assert refused.status_code == 200
    assert "wordt nog opgemaakt" in refused.content.decode()
    assert refused.context["form"]["conditions"].value() == "Terugkoppelen."
    run_tasks()
    response = client.post(url, fields)
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == Programme.Status.APPROVED
    assert Decision.objects.last().recorded_by == users["mat"]


def test_the_submitter_cannot_reach_the_decision_form(client_for, submitted):
    url = reverse("pilots:programme_decide", args=[submitted.pk])
    assert client_for("officer").get(url).status_code == 403
    assert client_for("officer").post(url, {"outcome": "approved"}).status_code == 302
    assert not Decision.objects.exists()


def test_the_page_shows_whether_the_content_still_matches_the_approval(
    client_for, submitted, decide
):
    decide("director", submitted)
    client = client_for("staff")
    url = reverse("pilots:programme_detail", args=[submitted.pk])
    page = client.get(url)
    assert page.context["approval_match"]["matches"] is True
    assert "bi-shield-check" in page.content.decode()
    # Content changed behind the application's back (database, script): the page says so.
    Programme.objects.filter(pk=submitted.pk).update(title="Ander voorstel")
    page = client.get(url)
    assert page.context["approval_match"]["matches"] is False
    assert "bi-exclamation-triangle" in page.content.decode()


def test_the_page_shows_the_chain_and_the_history_of_every_revision(
    client_for, submitted, users, decide
):
    decide("director", submitted, outcome=Outcome.CHANGES_REQUESTED, motivation="Budget?")
    from pilots.approval import services

    services.programme_submit(programme_id=submitted.pk, user=users["officer"])
    page = client_for("cell").get(reverse("pilots:programme_detail", args=[submitted.pk]))
    html = page.content.decode()
    assert [entry["revision"].number for entry in page.context["timeline"]] == [2, 1]
    assert "Budget?" in html
    assert [step["state"] for step in page.context["steps"]] == ["current", "waiting", "waiting"]
    assert 'aria-current="step"' in html


def test_the_navigation_counts_what_awaits_me_and_the_dashboard_lists_it(client_for, submitted):
    page = client_for("director").get(reverse("dashboard:home"))
    assert page.context["nav"]["awaiting"] == 1
    assert submitted.title in page.content.decode()
    assert client_for("officer").get(reverse("dashboard:home")).context["nav"]["awaiting"] == 0


def test_the_list_filters_on_what_awaits_me(client_for, submitted, users):
    make_programme(user=users["officer"], title="Nog een ontwerp")
    client = client_for("director")
    page = client.get(reverse("pilots:programme_list"), {"awaiting": "on"})
    assert [p.pk for p in page.context["page"].object_list] == [submitted.pk]
    page = client.get(reverse("pilots:programme_list"), {"sort": "-budget", "q": "ontwerp"})
    assert [p.title for p in page.context["page"].object_list] == ["Nog een ontwerp"]


def test_the_htmx_list_returns_only_the_results(client_for, programme):
    response = client_for("staff").get(
        reverse("pilots:programme_list"),
        headers={"HX-Request": "true", "HX-Target": "programme-results"},
    )
    assert "<html" not in response.content.decode()


def test_a_substitute_is_named_through_the_form(client_for, users):
    today = timezone.localdate().isoformat()
    response = client_for("director").post(
        reverse("pilots:substitution_list"),
        {
            "role": "financial-director",
            "substitute": users["officer"].pk,
            "starts_on": today,
            "ends_on": today,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["substitute"]
    response = client_for("director").post(
        reverse("pilots:substitution_list"),
        {
            "role": "financial-director",
            "substitute": users["mat"].pk,
            "starts_on": today,
            "ends_on": today,
        },
    )
    assert response.status_code == 302


def test_the_decision_and_advice_messages_read_as_sentences(client_for, submitted, users):
    """The walk-through: "goedgekeurd geregistreerd", "advies gegeven geregistreerd"."""
    url = reverse("pilots:programme_decide", args=[submitted.pk])
    data = {"outcome": "approved", "co_validator": users["head"].pk}
    response = client_for("director").post(url, data, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert len(shown) == 1
    assert shown[0].endswith(": je goedkeuring is geregistreerd.")
    advice = client_for("cell")
    page = advice.get(url).content.decode().split("<main")[1]
    assert "Waarover je advies geeft" in page
    assert "Datum van het advies" in page
    assert "beslis" not in page.lower()
    response = advice.post(
        url, {"communication_advice": "Kort.", "scale_up_advice": "Ja."}, follow=True
    )
    shown = [str(message) for message in response.context["messages"]]
    assert shown[0].endswith(": je advies is geregistreerd.")


def test_the_programme_page_says_version_and_keeps_the_checksum_for_who_asks(
    client_for, submitted, decide
):
    decide("director", submitted)
    client = client_for("staff")
    url = reverse("pilots:programme_detail", args=[submitted.pk])
    dutch = client.get(url).content.decode().split("<main")[1]
    assert "versie 1" in dutch.lower()
    assert "revisie" not in dutch.lower()
    assert "vingerafdruk" not in dutch.lower()
    visible = re.sub(r"<details.*?</details>", "", dutch, flags=re.S)
    assert "SHA-256" not in visible
    assert submitted.revisions.get().fingerprint not in visible
    assert "SHA-256" in dutch
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(url).content.decode().split("<main")[1]
    assert "revision" not in re.sub(r"<[^>]+>", " ", english).lower()
