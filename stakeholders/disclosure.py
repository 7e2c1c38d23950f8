"""Small groups are not anonymous: what may be said about support to a reader who may not see
individual assessments (`permissions.can_see_sensitive`).

The grid shows everyone who is involved by name, influence and interest, so a count or an
average of support over one or two people in a quadrant is that person's support. Any such
figure (the grid's summary, the barometer, the MAT briefing) goes through here: below
`MIN_GROUP_SIZE` people it is replaced by "fewer than 3".
"""

from collections.abc import Mapping
from typing import TypeVar

from django.utils.translation import gettext

# The smallest number of assessed people whose support may be shown as a count or an average
# to a reader who may not see the assessments themselves (docs/roles.md).
MIN_GROUP_SIZE = 3

Key = TypeVar("Key")


def discloses(size: int) -> bool:
    """Whether a figure over `size` assessed people may be shown. Nobody assessed reveals
    nothing about anybody."""
    return size == 0 or size >= MIN_GROUP_SIZE


def groups_to_suppress(sizes: Mapping[Key, int]) -> set[Key]:
    """The groups whose support figures are hidden when they are shown side by side with
    their total. Each group of 1 or 2 assessed people is hidden; and when the hidden groups
    together still count 1 or 2 people, the total minus the groups shown would give them
    away, so the smallest shown groups are hidden as well until they count 3 or more.
    Below 3 assessed people in all, every group is hidden (and so is the total)."""
    total = sum(sizes.values())
    if not discloses(total):
        return {key for key, size in sizes.items() if size}
    hidden = {key for key, size in sizes.items() if not discloses(size)}
    shown = sorted((size, index, key) for index, (key, size) in enumerate(sizes.items()))
    for size, _index, key in shown:
        if discloses(sum(sizes[k] for k in hidden)):
            break
        if key not in hidden and size:
            hidden.add(key)
    return hidden


def fewer_than() -> str:
    """What a reader sees instead of a figure over too few people."""
    return gettext("fewer than %(count)s") % {"count": MIN_GROUP_SIZE}
