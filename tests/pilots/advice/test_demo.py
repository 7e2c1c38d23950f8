import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from core.roles import Role
from pilots.advice import demo
from pilots.advice.models import AdvisorComment, Invitation
from pilots.demo import APPROVED_TITLE
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_advisor_is_invited_once_and_invited_again_once_expired(programme):
    UserFactory(username="inkoper", roles=[Role.PROCUREMENT_OFFICER])
    demo.seed(stdout=io.StringIO(), programme=programme)
    demo.seed(stdout=io.StringIO(), programme=programme)
    invitation = Invitation.objects.get()
    assert invitation.advisor.username == "adviseur"
    assert invitation.advisor.email == "adviseur@circulair-advies.be"
    assert invitation.ends_on == timezone.localdate() + datetime.timedelta(days=120)
    assert AdvisorComment.objects.filter(invitation=invitation).count() == 1
    assert invitation.advisor.check_password("demo")

    Invitation.objects.update(ends_on=timezone.localdate() - datetime.timedelta(days=1))
    demo.seed(stdout=io.StringIO(), programme=programme)
    assert Invitation.objects.running(today=timezone.localdate()).count() == 1
    assert Invitation.objects.count() == 2


def test_the_seeded_advisor_reads_the_citys_approved_programme(client):
    call_command("seed_demo", stdout=io.StringIO())
    invitation = Invitation.objects.select_related("programme", "advisor").get()
    assert invitation.programme.title == APPROVED_TITLE
    client.force_login(invitation.advisor)
    response = client.get(reverse("pilots:advice_detail", args=[invitation.pk]))
    assert response.status_code == 200
    assert demo.COMMENT in response.content.decode()
    assert client.get(invitation.programme.get_absolute_url()).status_code == 404
