import datetime

import pytest
from django.utils import timezone

from pilots.advice import services
from tests.factories import UserFactory
from tests.pilots.evaluation_helpers import add_point, approve
from tests.pilots.factories import make_programme


@pytest.fixture(autouse=True)
def _quick_pdf(monkeypatch):
    """The approval freezes the MAT briefing; its layout is the documents room's to test."""
    monkeypatch.setattr("pilots.documents.render.render_pdf", lambda **kwargs: b"%PDF-1.7 fake")


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def programme(users):
    """An approved programme of the first municipality, a point on its first pilot, its
    official briefing frozen for the MAT."""
    programme = make_programme(user=users["officer"])
    add_point(programme.pilots.first(), users["officer"])
    return approve(programme, users)


@pytest.fixture
def advisor(db):
    """An external advisor: an account that works for no municipality."""
    return UserFactory(
        username="advisor", first_name="Lotte", last_name="Vermeulen", roles__member=False
    )


@pytest.fixture
def invite(users, today):
    def make(programme, advisor, *, days=30, by="officer"):
        return services.invitation_create(
            user=users[by],
            programme_id=programme.pk,
            email=advisor.email,
            ends_on=today + datetime.timedelta(days=days),
            note="Graag advies over de evaluatiepunten.",
        )

    return make


@pytest.fixture
def invitation(programme, advisor, invite):
    return invite(programme, advisor)


@pytest.fixture
def advisor_client(client, advisor):
    client.force_login(advisor)
    return client
