"""Which recorded decisions still carry a person's name after their erasure, and why.

A decision is append-only (the model and, on PostgreSQL, the database refuse a change): the
erasure cannot replace a name in its motivation, conditions or advice, so the erasure report
names each decision whose text contains it.
"""

from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.translation import gettext as _

from stakeholders.gdpr import ArchivedCopy

from .models import Decision

TEXT_FIELDS = ["motivation", "conditions", "communication_advice", "scale_up_advice"]


def decisions_carrying(names: list[str]) -> list[ArchivedCopy]:
    wanted = [name for name in names if name.strip()]
    if not wanted:
        return []
    condition = reduce(
        or_, (Q(**{f"{field}__icontains": name}) for field in TEXT_FIELDS for name in wanted)
    )
    return [
        ArchivedCopy(
            label=_("Decision on %(programme)s (%(decision)s)")
            % {"programme": decision.programme, "decision": decision},
            url=decision.programme.get_absolute_url(),
            reason=_(
                "a recorded decision is never changed and is kept for archiving in the public "
                "interest (GDPR article 17(3)(b) and (d))"
            ),
        )
        for decision in Decision.objects.filter(condition)
        .select_related("programme", "stage")
        .order_by("pk")
    ]
