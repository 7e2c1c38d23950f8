"""Template and data -> PDF bytes, with WeasyPrint.

Nothing here knows about requests. Static files and uploaded logos are read from disk by
`DiskURLFetcher`; WeasyPrint never fetches anything over the network.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils._os import safe_join
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .context import Edition, document_context

# PDF/A-3b: the archival standard (ISO 19005-3, level B: visual reproduction). Tagging adds
# the document structure (headings, tables, lists) for screen readers on top of it.
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}
BASE_URL = "file:///"
DOCUMENT_TEMPLATE = "pilots/documents/document.html"


class DiskURLFetcher(URLFetcher):
    """Serves /static/ and /media/ from disk and refuses every other address, so rendering
    never waits on the network nor reaches into the rest of the file system."""

    def fetch(self, url, headers=None):
        path = self.path_for(url)
        if path is None:
            raise ValueError(f"Documents only load /static/ and /media/ files, not {url!r}.")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    @staticmethod
    def path_for(url: str) -> Path | None:
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc:
            return None
        path = unquote(parts.path)
        for prefix, root in (
            (settings.STATIC_URL, None),
            (settings.MEDIA_URL, settings.MEDIA_ROOT),
        ):
            if not path.startswith(prefix):
                continue
            relative = path.removeprefix(prefix)
            try:
                if root is None:
                    found = finders.find(relative) or safe_join(settings.STATIC_ROOT, relative)
                else:
                    found = safe_join(root, relative)
            except Exception:  # safe_join refuses a path outside its root
                return None
            found = Path(found)
            return found if found.is_file() else None
        return None


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint itself: the final HTML to PDF/A bytes, files read from disk."""
    return HTML(string=html, base_url=BASE_URL, url_fetcher=DiskURLFetcher()).write_pdf(
        **PDF_OPTIONS
    )


def render_html(context: dict, *, language: str) -> str:
    with translation.override(language):
        return render_to_string(DOCUMENT_TEMPLATE, context)


def render_pdf(
    *, programme_id: int, kind: str, language: str, edition: Edition | None = None
) -> bytes:
    """The document as PDF/A bytes: context, template, WeasyPrint."""
    context = document_context(
        programme_id=programme_id, kind=kind, language=language, edition=edition
    )
    return html_to_pdf(render_html(context, language=language))
