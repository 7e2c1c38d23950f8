"""Template and data -> PDF bytes, with WeasyPrint.

Nothing here knows about requests. Static files and uploaded logos are read from disk by
`DiskURLFetcher`; WeasyPrint never fetches anything over the network.
"""

import mimetypes
from pathlib import Path
from urllib import request
from urllib.parse import unquote, urlsplit
from xml.etree import ElementTree

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from django.utils._os import safe_join
from weasyprint import HTML
from weasyprint.pdf.metadata import NS, DocumentMetadata
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .context import Edition, document_context

# PDF/A-3b: the archival standard (ISO 19005-3, level B: visual reproduction). Tagging adds
# the document structure (headings, tables, lists) for screen readers on top of it.
PDF_OPTIONS = {"pdf_variant": "pdf/a-3b", "pdf_tags": True}
BASE_URL = "file:///"
DOCUMENT_TEMPLATE = "pilots/documents/document.html"
RDF, DC = NS["rdf"], NS["dc"]


class DiskURLFetcher(URLFetcher):
    """Serves /static/ and /media/ from disk, decodes `data:` URLs (the draft watermark) in
    memory, and refuses every other address, so rendering never waits on the network nor
    reaches into the rest of the file system."""

    # Only the handler of data: URLs: no other scheme can be opened through it.
    _data = request.OpenerDirector()
    _data.add_handler(request.DataHandler())

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            with self._data.open(url) as response:
                return URLFetcherResponse(
                    url, response.read(), {"Content-Type": response.headers.get_content_type()}
                )
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


class ArchivalMetadata(DocumentMetadata):
    """WeasyPrint's metadata with the document's language also in the XMP, as Dublin Core's
    `dc:language`, where an archive reads it: WeasyPrint writes it only into the
    catalogue (/Lang). One description more in WeasyPrint's own RDF."""

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = ElementTree.fromstring(super().generate_rdf_metadata(variant, version, conformance))
        if self.lang:
            description = ElementTree.SubElement(
                rdf, f"{{{RDF}}}Description", {f"{{{RDF}}}about": ""}
            )
            language = ElementTree.SubElement(description, f"{{{DC}}}language")
            bag = ElementTree.SubElement(language, f"{{{RDF}}}Bag")
            ElementTree.SubElement(bag, f"{{{RDF}}}li").text = self.lang
        return ElementTree.tostring(rdf, encoding="utf-8")


def html_to_pdf(html: str) -> bytes:
    """WeasyPrint itself: the final HTML to PDF/A bytes, files read from disk."""
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=DiskURLFetcher()).render()
    document.metadata = ArchivalMetadata(**vars(document.metadata))
    return document.write_pdf(**PDF_OPTIONS)


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
