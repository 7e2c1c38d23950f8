"""The demo's external advisor: `adviseur` (password demo), invited by the city's officer to
the approved programme until 120 days from today, with one comment. Called at the end of
`pilots.demo.seed`, in the city's scope. Idempotent: a running invitation is kept; one that
expired since the last run is replaced, so the account keeps working in a demo that lives on."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from pilots.approval.models import Programme

from . import services
from .models import AdvisorComment, Invitation

USERNAME = "adviseur"
EMAIL = "adviseur@circulair-advies.be"
INVITED_DAYS = 120
NOTE = (
    "Graag je blik op de evaluatiepunten van beide pilots: meten we wat telt voor een "
    "strategisch aankoopbeleid?"
)
COMMENT = (
    "De evaluatiepunten zijn helder en vooraf vastgelegd, sterk. Overweeg bij het meubilair "
    "ook de CO₂-besparing te meten ten opzichte van nieuw: dat maakt de opschaling naar "
    "andere productgroepen vergelijkbaar."
)


def _advisor():
    user, created = get_user_model().objects.get_or_create(
        username=USERNAME,
        defaults={"first_name": "Lotte", "last_name": "Vermeulen", "email": EMAIL},
    )
    if created:
        user.set_password("demo")
        user.save(update_fields=["password"])
    return user


def seed(*, stdout, programme: Programme) -> None:
    advisor = _advisor()
    today = timezone.localdate()
    invitation = (
        Invitation.objects.running(today=today).filter(programme=programme, advisor=advisor).first()
    )
    added = invitation is None
    if invitation is None:
        author = get_user_model().objects.get(username="inkoper")
        invitation = services.invitation_create(
            user=author,
            programme_id=programme.pk,
            email=EMAIL,
            ends_on=today + datetime.timedelta(days=INVITED_DAYS),
            note=NOTE,
        )
    if not AdvisorComment.objects.filter(invitation=invitation).exists():
        services.comment_add(user=advisor, invitation_id=invitation.pk, text=COMMENT)
    stdout.write(
        f"  advice: {USERNAME} invited to {programme} until {invitation.ends_on:%d/%m/%Y}"
        + (" (new)" if added else "")
    )
