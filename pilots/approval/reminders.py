"""Reminds deciders of stages pending longer than the municipality's approval reminder days,
at most once per that many days per stage."""

import datetime

from django.db.models import Q

from core.models import Municipality
from core.scoping import active_municipality_id

from . import notifications, selectors
from .models import Programme


def send_due(*, today: datetime.date) -> int:
    days = Municipality.objects.get(pk=active_municipality_id()).approval_reminder_days
    cutoff = today - datetime.timedelta(days=days)
    programmes = (
        Programme.objects.in_approval()
        .filter(pending_stage__opened_at__date__lte=cutoff)
        .filter(
            Q(pending_stage__reminded_on__isnull=True) | Q(pending_stage__reminded_on__lte=cutoff)
        )
        .select_related("pending_stage")
    )
    sent = 0
    for programme in programmes:
        stage = programme.pending_stage
        if selectors.mat_briefing_refusal_at(stage=stage):
            continue  # the MAT cannot decide yet: its briefing is still being prepared
        sent += notifications.stage_opened(stage_id=stage.pk, reminder=True)
        stage.reminded_on = today
        stage.save(update_fields=["reminded_on"])
    return sent
