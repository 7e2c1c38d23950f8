"""What both documents are made of: sections, their numbering, and the sections the MAT
briefing and the evaluation report share.

Each section of a document is built by one function that returns the section's data, or None
when that data does not exist (yet); the template then says "not yet available" instead of
leaving the section out.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from attachments import selectors as attachment_selectors
from pilots.approval.models import Pilot, Programme
from pilots.common.people import person_name
from pilots.execution import selectors as execution_selectors

SECTION_TEMPLATES = "pilots/documents/sections/"


@dataclass
class Section:
    """One part of a document. `template` renders `data`; None data shows the notice
    "not yet available" with `missing` as the reason. A section without a template only
    groups its children. An unnumbered section (`numbered=False`, such as the summary) takes
    no number; the children of an `annexes` section are numbered "Annex 1", "Annex 2"...
    `css_class` is added to the section's element (a page break, for instance)."""

    key: str
    title: str
    template: str = ""
    data: object = None
    missing: str = ""
    children: list = field(default_factory=list)
    level: int = 1
    number: str = ""
    numbered: bool = True
    annexes: bool = False
    css_class: str = ""

    @property
    def anchor(self) -> str:
        return f"section-{self.key}"

    @property
    def template_name(self) -> str:
        return f"{SECTION_TEMPLATES}{self.template}.html" if self.template else ""

    @property
    def available(self) -> bool:
        return not self.template or self.data is not None


def number_sections(sections, prefix="", level=1):
    """Numbers the sections 1, 2, 1.1... down to the second level, skipping unnumbered ones;
    the children of an annexes section become "Annex 1", "Annex 2"..."""
    index = 0
    for section in sections:
        section.level = level
        section.number = ""
        if section.numbered and level <= 2:
            index += 1
            section.number = f"{prefix}{index}"
        if section.annexes:
            for position, annex in enumerate(section.children, start=1):
                annex.level = level + 1
                annex.number = _("Annex %(number)s") % {"number": position}
                number_sections(annex.children, level=level + 2)
        else:
            child_prefix = f"{section.number}." if section.number else prefix
            number_sections(section.children, prefix=child_prefix, level=level + 1)
    return sections


def decision_rows(programme: Programme) -> list[dict]:
    rows = []
    for revision in programme.revisions.all():
        for decision in revision.decisions.all():
            rows.append(
                {
                    "revision": revision.number,
                    "decision": decision,
                    # The date the decision carries (meeting or decision date), not the
                    # moment it was recorded.
                    "date": decision.date,
                    "stage": decision.stage.label,
                    "by": person_name(decision.recorded_by),
                    "co_validator": person_name(decision.co_validator),
                    "on_behalf_of": person_name(decision.on_behalf_of),
                }
            )
    return rows


def pilot_facts(pilot: Pilot) -> dict:
    """The dossier's facts; `pilot` comes with its dossier and phases prefetched."""
    dossier = pilot.dossier
    return {
        "dossier": dossier,
        "procedure": dossier.effective_procedure,
        "procedure_is_suggestion": dossier.procedure_id is None,
        "award_overrun": execution_selectors.pilot_award_overrun(pilot),
    }


def pilot_section(pilot: Pilot, parts: list[Section]) -> Section:
    """A pilot's chapter: its dossier's facts, then `parts`."""
    facts = Section(f"facts-{pilot.pk}", _("Dossier"), "pilot_facts", pilot_facts(pilot))
    return Section(key=f"pilot-{pilot.pk}", title=pilot.dossier.title, children=[facts, *parts])


def pilots_section(chapters: list[Section]) -> Section:
    """The chapter that holds one chapter per pilot, or says that none is chosen yet."""
    return Section(
        "pilots",
        _("The pilots"),
        "" if chapters else "pilots_missing",
        None,
        missing=_("No pilots have been chosen yet."),
        children=chapters,
    )


def attached_documents(programme: Programme, pilots: list[Pilot]) -> dict | None:
    """The files attached to the programme and its pilots that were chosen for the annexes,
    listed by name, type and size (not embedded): the programme's first, then each pilot's."""
    rows = [
        {
            "name": row["attachment"].name,
            "kind": row["attachment"].get_kind_display(),
            "size": row["attachment"].size,
            "of": row["target"].dossier.title if isinstance(row["target"], Pilot) else "",
        }
        for row in attachment_selectors.annexed([programme, *pilots])
    ]
    return {"rows": rows} if rows else None


def annexes_section(chapters: list[Section], attached: dict | None = None) -> Section:
    """The annexes of a decision note, after its decision: one chapter per pilot (its sheet),
    numbered Annex 1, 2 … and each starting on a page of its own; then, when files were chosen
    for the annexes (`attached_documents`), the list of those files."""
    if attached is not None:
        chapters = [
            *chapters,
            Section("attached-documents", _("Attached documents"), "attached_documents", attached),
        ]
    for chapter in chapters:
        chapter.css_class = "note-annex"
    return Section(
        "annexes",
        _("Annexes"),
        "" if chapters else "annexes",
        None,
        missing=_("No pilots have been chosen yet."),
        children=chapters,
        numbered=False,
        annexes=True,
        css_class="note-annexes",
    )
