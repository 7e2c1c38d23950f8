"""A substitution is checked again each time it is used, one person decides one stage of a
revision, and a substitution can be ended (docs/approval.md, "Substitutes")."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone, translation

from core.models import Membership
from core.roles import Role
from pilots.approval import selectors, services
from pilots.approval.rules import second_stage_refusal
from pilots.common.errors import PilotError
from pilots.models import Decision, Substitution

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def _dutch():
    """The messages are matched in Dutch, whatever language an earlier request left active."""
    with translation.override("nl"):
        yield


def fresh(user):
    """The user as the next request reads them: roles are cached on the object."""
    return get_user_model().objects.get(pk=user.pk)


def hand_over(users, principal="director", substitute="mat", role=Role.FINANCIAL_DIRECTOR):
    return services.substitution_create(
        user=users[principal],
        substitute=users[substitute],
        role=role,
        starts_on=TODAY(),
        ends_on=TODAY() + datetime.timedelta(days=7),
    )


def decide_as_substitute(programme, user, **fields):
    return services.decision_record(
        programme_id=programme.pk,
        user=fresh(user),
        **({"outcome": "approved", "co_validator": None} | fields),
    )


def test_a_principal_who_lost_the_role_no_longer_lends_it(submitted, users):
    hand_over(users)
    Membership.objects.get(user=users["director"]).roles.clear()
    with pytest.raises(PilotError, match="telt niet meer"):
        decide_as_substitute(submitted, users["mat"], co_validator=users["head"])
    assert not Decision.objects.exists()
    assert selectors.awaiting_count(user=fresh(users["mat"])) == 0


@pytest.mark.parametrize("what", ["user", "membership"])
def test_an_inactive_principal_no_longer_lends_the_role(submitted, users, what):
    hand_over(users)
    if what == "user":
        get_user_model().objects.filter(pk=users["director"].pk).update(is_active=False)
    else:
        Membership.objects.filter(user=users["director"]).update(is_active=False)
    with pytest.raises(PilotError, match="telt niet meer"):
        decide_as_substitute(submitted, users["mat"], co_validator=users["head"])
    assert not Decision.objects.exists()


def test_a_substitute_who_lost_the_rank_no_longer_decides(submitted, users):
    hand_over(users)
    membership = Membership.objects.get(user=users["mat"])
    membership.roles.set([Group.objects.get(name=Role.PROCUREMENT_OFFICER)])
    with pytest.raises(PilotError, match="telt niet meer"):
        decide_as_substitute(submitted, users["mat"], co_validator=users["head"])
    assert not Decision.objects.exists()


def test_the_stage_mail_skips_a_substitution_that_no_longer_counts(submitted, users):
    hand_over(users)
    stage = submitted.pending_stage
    assert users["mat"] in selectors.stage_deciders(stage=stage)
    Membership.objects.get(user=users["director"]).roles.clear()
    assert users["mat"] not in selectors.stage_deciders(stage=stage)


def test_one_person_does_not_decide_two_stages_of_a_revision(submitted, users, decide):
    # The strategic cell names the financial director, who outranks it, as its substitute.
    hand_over(users, principal="cell", substitute="director", role=Role.STRATEGIC_CELL)
    decide("director", submitted)
    submitted.refresh_from_db()
    refusal, _roles = selectors.decision_refusal(programme=submitted, user=fresh(users["director"]))
    assert refusal is not None
    with pytest.raises(PilotError, match="één fase"):
        services.decision_record(
            programme_id=submitted.pk,
            user=fresh(users["director"]),
            communication_advice="Ook mijn advies.",
        )
    assert Decision.objects.count() == 1
    # The strategic cell itself still advises.
    decide("cell", submitted)
    assert Decision.objects.count() == 2


def test_whoever_a_decision_was_recorded_for_decides_no_other_stage():
    assert second_stage_refusal(person_ids={7, 3}, decider_ids={3, 9})
    assert second_stage_refusal(person_ids={7}, decider_ids={3, 9}) is None


def test_the_principal_ends_a_substitution_and_it_stays_in_the_history(submitted, users):
    substitution = hand_over(users)
    services.substitution_end(substitution_id=substitution.pk, user=users["director"])
    substitution.refresh_from_db()
    assert substitution.ended_at is not None
    assert substitution.ended_by == users["director"]
    assert Substitution.objects.filter(pk=substitution.pk).exists()
    with pytest.raises(PilotError):
        decide_as_substitute(submitted, users["mat"], co_validator=users["head"])
    with pytest.raises(PilotError, match="al beëindigd"):
        services.substitution_end(substitution_id=substitution.pk, user=users["director"])


def test_an_administrator_ends_a_substitution_the_substitute_does_not(users):
    substitution = hand_over(users)
    with pytest.raises(PermissionDenied):
        services.substitution_end(substitution_id=substitution.pk, user=users["mat"])
    services.substitution_end(substitution_id=substitution.pk, user=users["admin_user"])
    substitution.refresh_from_db()
    assert substitution.ended_by == users["admin_user"]


@pytest.mark.parametrize(
    ("persona", "status", "ended"),
    [("director", 302, True), ("mat", 403, False), ("cell", 404, False), ("outsider", 404, False)],
)
def test_the_end_button_posts_to_a_page_only_the_principal_may_use(
    client_for, users, persona, status, ended
):
    substitution = hand_over(users)
    url = reverse("pilots:substitution_end", args=[substitution.pk])
    response = client_for(persona).post(url)
    assert response.status_code == status
    substitution.refresh_from_db()
    assert (substitution.ended_at is not None) is ended


def test_the_substitutes_page_offers_the_end_button_to_the_principal_only(client_for, users):
    substitution = hand_over(users)
    url = reverse("pilots:substitution_end", args=[substitution.pk])
    assert url in client_for("director").get(reverse("pilots:substitution_list")).text
    assert url not in client_for("mat").get(reverse("pilots:substitution_list")).text
    assert client_for("director").get(url).status_code == 405


def test_the_substitute_form_offers_only_who_can_ever_qualify(users):
    """The walk-through: the form offered people who can never stand in for your role."""
    from pilots.approval.forms import SubstitutionForm

    head_choices = set(SubstitutionForm(user=users["head"]).fields["substitute"].queryset)
    assert users["director"] in head_choices
    assert users["mat"] in head_choices
    assert users["officer"] not in head_choices
    assert users["staff"] not in head_choices
    mat_choices = set(SubstitutionForm(user=users["mat"]).fields["substitute"].queryset)
    assert users["director"] not in mat_choices
    assert users["head"] not in mat_choices


def test_the_substitutes_page_shows_the_substitutions_in_force_first_with_an_end_button(
    client_for, users
):
    over = hand_over(users)
    services.substitution_end(substitution_id=over.pk, user=users["director"])
    current = hand_over(users)
    page = client_for("director").get(reverse("pilots:substitution_list"))
    assert [s.pk for s in page.context["substitutions"]] == [current.pk, over.pk]
    body = page.text
    assert body.count("Nu van kracht") == 1
    assert reverse("pilots:substitution_end", args=[current.pk]) in body
    assert reverse("pilots:substitution_end", args=[over.pk]) not in body
