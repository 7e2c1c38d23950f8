"""What a browser would post for a rendered form, untouched: every field with its shown value."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.forms: list[list[tuple[str, str]]] = []
        self.data: list[tuple[str, str]] = []
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen: str | None = None
        self._option_value: str | None = None
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and (attributes.get("method") or "").lower() == "post":
            self.inside = True
            self.data = []
            self.forms.append(self.data)
            return
        if not self.inside or "disabled" in attributes:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            self._input(name, attributes)
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, None
        elif tag == "option" and self._select is not None:
            self._option_value = attributes.get("value")
            self._text = []
            if self._option_value is not None:
                if self._select_first is None:
                    self._select_first = self._option_value
                if "selected" in attributes:
                    self._select_chosen = self._option_value
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def _input(self, name: str, attributes: dict) -> None:
        kind = (attributes.get("type") or "text").lower()
        if kind in {"checkbox", "radio"}:
            if "checked" in attributes:
                self.data.append((name, attributes.get("value") or "on"))
        elif kind not in {"submit", "button", "reset", "file", "image"}:
            self.data.append((name, attributes.get("value") or ""))

    def handle_data(self, data):
        self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "select" and self._select is not None:
            chosen = self._select_chosen if self._select_chosen is not None else self._select_first
            if chosen is not None:
                self.data.append((self._select, chosen))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            self.data.append((self._textarea, "".join(self._text).lstrip("\n")))
            self._textarea = None


def untouched_form_data(html: str, *, containing: str) -> dict[str, list[str]]:
    """The post data of the page's POST form with a field `containing`, as a browser sends it
    when nothing is typed."""
    reader = _FormReader()
    reader.feed(html)
    for fields in reader.forms:
        if any(name == containing for name, _ in fields):
            data: dict[str, list[str]] = {}
            for name, value in fields:
                data.setdefault(name, []).append(value)
            return data
    raise AssertionError(f"no POST form with a field {containing!r}")
