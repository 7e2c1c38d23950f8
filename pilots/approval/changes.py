"""What changed between two versions of a programme's content: pure, no database.

The content is what a revision froze (`Revision.content`, `Revision.extra_content`) or what a
draft holds now (`Programme.content`, `pages.pilot_extras`). The result is a list of rows,
each one thing that differs, shaped for a side-by-side table and for a one-line summary.
"""

import datetime
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext, ngettext, pgettext

from core.money import euro

from .models import Pilot, Programme

# The order the programme's page shows them in; the content may carry fewer (a field added
# later is only there when it is set, see `models._set_only`).
PROGRAMME_KEYS = [
    "title",
    "purpose",
    "context",
    "budget",
    "funding_channel",
    "budget_key",
    "budget_covers",
    "feedback_due_on",
    "policy_mandate",
    "start_date",
    "risks",
    "agreements",
]
PILOT_KEYS = [
    "dossier_title",
    "dossier_department",
    "dossier_value",
    "scope",
    "objectives",
    "procurement_budget",
    "strategies",
    "phases",
]
# Keys a revision submitted before they were kept does not carry: compared only when both
# sides have them, never reported as emptied.
RECORDED_LATER = {"dossier_title", "dossier_department", "dossier_value"}
AMOUNTS = {"budget", "dossier_value"}
DATES = {"start_date", "feedback_due_on"}


def programme_label(key: str) -> str:
    return str(Programme._meta.get_field(key).verbose_name)


def pilot_label(key: str) -> str:
    labels = {
        "dossier_title": pgettext("dossier", "title"),
        "dossier_department": gettext("department"),
        "dossier_value": gettext("estimated value"),
        "strategies": gettext("circular strategies"),
        "phases": gettext("planned phases"),
    }
    if key in labels:
        return labels[key]
    return str(Pilot._meta.get_field(key).verbose_name)


def shown(key: str, value, *, phase_names: dict[str, str] | None = None) -> str:
    """A value of the content as a person reads it."""
    if value in (None, "", []):
        return "—"
    if key in AMOUNTS:
        return euro(Decimal(value))
    if key in DATES:
        return date_format(datetime.date.fromisoformat(value), "SHORT_DATE_FORMAT")
    if isinstance(value, bool):
        return gettext("yes") if value else gettext("no")
    if key == "strategies":
        return ", ".join(value)
    if key == "phases":
        names = phase_names or {}
        return "\n".join(
            f"{names.get(phase['phase'], phase['phase'])}: "
            f"{shown('start_date', phase['planned_start'])} – "
            f"{shown('start_date', phase['planned_end'])}"
            for phase in value
        )
    return str(value)


def _number(text: str) -> str:
    """A stored amount ("4.00") as the language writes it, without needless decimals."""
    value = Decimal(text)
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return number_format(value, use_l10n=True, force_grouping=True)


def point_shown(point: dict) -> str:
    return gettext("%(baseline)s → %(target)s %(unit)s, weight %(weight)s") % {
        "baseline": _number(point["baseline"]),
        "target": _number(point["target"]),
        "unit": point["unit"],
        "weight": point["weight"],
    }


def _row(*, pilot, key, label, before, after, kind="changed") -> dict:
    return {
        "pilot": pilot,
        "key": key,
        "label": label,
        "before": before,
        "after": after,
        "kind": kind,
    }


def _pilot_name(pilot: dict) -> str:
    title = pilot.get("dossier_title")
    return f"{pilot['dossier']} · {title}" if title else pilot["dossier"]


def content_changes(
    *,
    before: dict,
    after: dict,
    before_extra: dict | None,
    after_extra: dict | None,
    phase_names: dict[str, str] | None = None,
) -> list[dict]:
    """Every difference between two contents, the programme's fields first, then per pilot
    (by dossier reference): added, removed, or the fields and evaluation points that
    differ. `*_extra` None: not recorded on that side, so the points are not compared."""
    rows = []
    for key in PROGRAMME_KEYS:
        old, new = before.get(key), after.get(key)
        if (old or None) != (new or None):
            rows.append(
                _row(
                    pilot=None,
                    key=key,
                    label=programme_label(key),
                    before=shown(key, old),
                    after=shown(key, new),
                )
            )
    old_pilots = {pilot["dossier"]: pilot for pilot in before.get("pilots", [])}
    new_pilots = {pilot["dossier"]: pilot for pilot in after.get("pilots", [])}
    for reference in sorted(old_pilots.keys() | new_pilots.keys()):
        old_pilot, new_pilot = old_pilots.get(reference), new_pilots.get(reference)
        if old_pilot is None or new_pilot is None:
            present = new_pilot or old_pilot
            assert present is not None
            name = _pilot_name(present)
            rows.append(
                _row(
                    pilot=name,
                    key="pilot",
                    label=gettext("pilot"),
                    before="—" if old_pilot is None else name,
                    after="—" if new_pilot is None else name,
                    kind="added" if old_pilot is None else "removed",
                )
            )
            continue
        name = _pilot_name(new_pilot)
        for key in PILOT_KEYS:
            if key in RECORDED_LATER and (key not in old_pilot or key not in new_pilot):
                continue
            old, new = old_pilot.get(key), new_pilot.get(key)
            if (old or None) != (new or None):
                rows.append(
                    _row(
                        pilot=name,
                        key=key,
                        label=pilot_label(key),
                        before=shown(key, old, phase_names=phase_names),
                        after=shown(key, new, phase_names=phase_names),
                    )
                )
        if before_extra is not None and after_extra is not None:
            rows.extend(
                _point_changes(
                    pilot=name,
                    before=(before_extra.get(reference) or {}).get("points", []),
                    after=(after_extra.get(reference) or {}).get("points", []),
                )
            )
    return rows


def _point_changes(*, pilot: str, before: list[dict], after: list[dict]) -> list[dict]:
    old = {point["indicator"]: point for point in before}
    new = {point["indicator"]: point for point in after}
    rows = []
    for indicator in list(old) + [name for name in new if name not in old]:
        old_point, new_point = old.get(indicator), new.get(indicator)
        if old_point == new_point:
            continue
        kind = "changed"
        if old_point is None:
            kind = "added"
        elif new_point is None:
            kind = "removed"
        rows.append(
            _row(
                pilot=pilot,
                key="points",
                label=gettext("evaluation point: %(indicator)s") % {"indicator": indicator},
                before="—" if old_point is None else point_shown(old_point),
                after="—" if new_point is None else point_shown(new_point),
                kind=kind,
            )
        )
    return rows


SUMMARY_ITEMS = 4


def summary_of(rows: list[dict], *, from_version: int) -> str:
    """One line: what changed since `from_version`, the first few things by name."""
    if not rows:
        return gettext("No changes since version %(number)s.") % {"number": from_version}
    items: list[str] = []
    for row in rows:
        if row["key"] == "pilot":
            item = (
                gettext("pilot added: %(pilot)s")
                if row["kind"] == "added"
                else gettext("pilot removed: %(pilot)s")
            ) % {"pilot": row["pilot"]}
        elif row["key"] == "points":
            item = gettext("evaluation points")
        else:
            item = row["label"].lower()
        if item not in items:
            items.append(item)
    shown_items = ", ".join(items[:SUMMARY_ITEMS])
    rest = len(items) - SUMMARY_ITEMS
    if rest > 0:
        shown_items += " " + ngettext("and %(count)s more", "and %(count)s more", rest) % {
            "count": rest
        }
    return gettext("Changed since version %(number)s: %(items)s.") % {
        "number": from_version,
        "items": shown_items,
    }
