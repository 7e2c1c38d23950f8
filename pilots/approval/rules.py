"""The pure rules of approval: no database, no request."""

import datetime
import hashlib
import json

from django.utils.formats import date_format
from django.utils.translation import gettext

from pilots.permissions import may_substitute


def fingerprint_of(content: dict) -> str:
    """SHA-256 of a canonical serialisation: sorted keys, no whitespace, UTF-8."""
    canonical = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def substitution_use_refusal(
    *, role: str, principal_roles, principal_is_active: bool, substitute_roles
) -> str | None:
    """Why a substitution in its period no longer lets the substitute act in `role`, or None.
    Checked each time it is used, not only when it was given: the absent decider may have
    lost the role or left since, and the substitute may have lost the rank."""
    if not principal_is_active or role not in principal_roles:
        return gettext(
            "The person you stand in for no longer holds this role here, so the substitution "
            "no longer counts."
        )
    if not may_substitute(substitute_roles=substitute_roles, role=role):
        return gettext(
            "You no longer hold the same or a higher role, so the substitution no longer counts."
        )
    return None


def second_stage_refusal(*, person_ids, decider_ids) -> str | None:
    """One person decides one stage of a revision: whoever recorded a decision of this
    revision, or had it recorded on their behalf, decides no other stage of it, neither in
    their own role nor as a substitute. `person_ids` are the user and whom they stand in for."""
    if set(person_ids) & set(decider_ids):
        return gettext(
            "You already decided or advised on another stage of this version; one person "
            "decides one stage."
        )
    return None


def decision_date_refusal(
    date: datetime.date,
    *,
    today: datetime.date,
    submitted_on: datetime.date,
    previous_on: datetime.date | None,
    is_meeting: bool,
) -> str | None:
    """Why `date` cannot be the date a stage's decision carries (its meeting's date, or the day
    it was decided), or None. A decision is dated when it was taken, not when it was typed in:
    never in the future, never before the revision it decides on was submitted, never before
    the decision of the stage before it."""
    if date > today:
        if is_meeting:
            return gettext("The meeting date cannot lie in the future.")
        return gettext("The decision date cannot lie in the future.")
    if date < submitted_on:
        return gettext(
            "The date cannot lie before %(date)s: the version was submitted that day."
        ) % {"date": date_format(submitted_on, "SHORT_DATE_FORMAT")}
    if previous_on is not None and date < previous_on:
        return gettext(
            "The date cannot lie before %(date)s: the stage before decided that day."
        ) % {"date": date_format(previous_on, "SHORT_DATE_FORMAT")}
    return None


def mat_briefing_refusal(*, is_mat: bool, briefing_frozen: bool) -> str | None:
    """The MAT decides on the briefing frozen for its stage, so its stage cannot be decided
    before a worker has frozen it (the decision records that briefing's SHA-256). The decision
    page, `services.decision_record` and the "awaiting my decision" count and mails follow it."""
    if is_mat and not briefing_frozen:
        return gettext(
            "The briefing is still being prepared; the MAT can decide once it is ready. Try "
            "again in a moment."
        )
    return None
