"""The name kept for display and for the download (attachments/rules.py)."""

import pytest

from attachments.rules import NAME_LIMIT, display_name, size_refusal


@pytest.mark.parametrize(
    ("raw", "kept"),
    [
        ("bestek.pdf", "bestek.pdf"),
        ("spec\x00ificatie.pdf", "spec ificatie.pdf"),
        ("regel\neen\r\nregel twee.pdf", "regel een regel twee.pdf"),
        ("tab\there.txt", "tab here.txt"),
        ("C:\\Users\\an\\Bestek 2026.docx", "Bestek 2026.docx"),
        ("../../etc/passwd.txt", "passwd.txt"),
        (".verborgen.txt", "verborgen.txt"),
        ("Offerte \u202egnp.exe.pdf", "Offerte gnp.exe.pdf"),  # right-to-left override
        ("Café Déjà-vu – verslag.pdf", "Café Déjà-vu – verslag.pdf"),
        ("Cafe\u0301.pdf", "Café.pdf"),  # NFC
        ('aanhalings"teken.pdf', 'aanhalings"teken.pdf'),
        ("   .pdf", "bijlage.pdf"),
        ("", "bijlage"),
    ],
)
def test_display_name(raw, kept):
    assert display_name(raw, fallback_stem="bijlage") == kept


def test_a_long_name_keeps_its_extension():
    name = display_name("a" * 500 + ".docx")
    assert len(name) == NAME_LIMIT
    assert name.endswith("a.docx")


def test_size_refusal():
    assert size_refusal(0, limit=10) == "empty"
    assert size_refusal(11, limit=10) == "too_large"
    assert size_refusal(10, limit=10) == ""
