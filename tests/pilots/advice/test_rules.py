import datetime
from types import SimpleNamespace

import pytest

from pilots.advice import rules

TODAY = datetime.date(2026, 12, 1)


def _invitation(*, advisor_id=7, ends_on=TODAY, ended_at=None):
    return SimpleNamespace(advisor_id=advisor_id, ends_on=ends_on, ended_at=ended_at)


def _user(pk=7, authenticated=True):
    return SimpleNamespace(pk=pk, is_authenticated=authenticated)


def test_an_invitation_is_live_for_its_advisor_through_its_last_day():
    assert rules.invitation_is_live(_invitation(), user=_user(), today=TODAY)


@pytest.mark.parametrize(
    ("invitation", "user"),
    [
        (_invitation(ends_on=TODAY - datetime.timedelta(days=1)), _user()),
        (_invitation(ended_at=datetime.datetime(2026, 11, 30, tzinfo=datetime.UTC)), _user()),
        (_invitation(), _user(pk=8)),
        (_invitation(), _user(authenticated=False)),
        (None, _user()),
    ],
    ids=["expired", "ended", "another-user", "anonymous", "none"],
)
def test_an_invitation_is_not_live(invitation, user):
    assert not rules.invitation_is_live(invitation, user=user, today=TODAY)


@pytest.mark.parametrize(
    ("ends_on", "refused"),
    [
        (None, True),
        (TODAY - datetime.timedelta(days=1), True),
        (TODAY, False),
        (TODAY + datetime.timedelta(days=rules.MAX_INVITATION_DAYS), False),
        (TODAY + datetime.timedelta(days=rules.MAX_INVITATION_DAYS + 1), True),
    ],
)
def test_the_end_date_is_required_not_past_and_at_most_a_year_away(ends_on, refused):
    assert (rules.ends_on_refusal(ends_on=ends_on, today=TODAY) is not None) is refused


def test_the_same_text_within_seconds_is_a_duplicate_and_later_it_is_not():
    now = datetime.datetime(2026, 12, 1, 10, 0, 10, tzinfo=datetime.UTC)
    earlier = now - datetime.timedelta(seconds=5)
    assert rules.is_duplicate_comment(text="Ja ", previous_text="Ja", previous_at=earlier, now=now)
    assert not rules.is_duplicate_comment(
        text="Nee", previous_text="Ja", previous_at=earlier, now=now
    )
    assert not rules.is_duplicate_comment(
        text="Ja", previous_text="Ja", previous_at=now - datetime.timedelta(minutes=1), now=now
    )
    assert not rules.is_duplicate_comment(text="Ja", previous_text=None, previous_at=None, now=now)
