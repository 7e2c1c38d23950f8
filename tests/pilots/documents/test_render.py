"""Rendering reads files from disk only."""

import pytest

from pilots.documents import render


def test_the_url_fetcher_reads_static_and_media_from_disk_and_refuses_the_rest(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "organisation").mkdir()
    (tmp_path / "organisation" / "logo.svg").write_text("<svg/>")
    fetcher = render.DiskURLFetcher()
    assert fetcher.path_for("file:///static/img/logo.svg").name == "logo.svg"
    assert fetcher.path_for("file:///media/organisation/logo.svg").name == "logo.svg"
    assert fetcher.fetch("file:///static/img/logo.svg").read().startswith(b"<svg")
    for refused in [
        "http://localhost:8000/static/img/logo.svg",
        "https://example.org/logo.svg",
        "file:///etc/passwd",
        "file:///media/../../etc/passwd",
        "file:///static/../../config/settings/base.py",
    ]:
        assert fetcher.path_for(refused) is None, refused
        with pytest.raises(ValueError, match="only load /static/ and /media/"):
            fetcher.fetch(refused)


def test_the_url_fetcher_decodes_data_urls_in_memory():
    """The draft watermark is a data: URL; decoding one opens nothing else."""
    fetcher = render.DiskURLFetcher()
    response = fetcher.fetch("data:image/svg+xml,%3Csvg%2F%3E")
    assert response.read() == b"<svg/>"
    assert response.content_type == "image/svg+xml"
