"""Attaching, downloading and removing through the pages: the same visibility as the object,
another municipality's attachment 404, the file's headers, removal deleting the file, double
submits and awkward names (attachments/views.py)."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from attachments.models import Attachment
from attachments.registry import holder_named
from core.idempotency import FIELD, token_new
from core.scoping import municipality_scope
from tests.factories import DossierFactory, MunicipalityFactory, UserFactory

from .conftest import attach as _attach
from .samples import pdf, sample, upload

pytestmark = pytest.mark.django_db


def _post_file(client, key, pk, name="bestek.pdf", data=None, **extra):
    return client.post(
        reverse("attachments:add", args=[key, pk]),
        {"file": upload(name, data if data is not None else pdf()), **extra},
    )


PERSONA_NAMES = ["staff", "officer", "head", "director", "cell", "mat", "admin_user", "outsider"]


@pytest.mark.parametrize(
    "key", ["dossier", "programme", "pilot", "market-dialogue", "consultation"]
)
def test_who_sees_and_changes_an_attachment_is_who_sees_and_edits_the_object(
    key, targets, users, client_for
):
    target, page = targets[key]
    attachment = _attach(target, users["officer"])
    holder = holder_named(key)
    seen = {}
    for name in PERSONA_NAMES:
        client = client_for(name)
        visible = client.get(page).status_code == 200
        download = client.get(reverse("attachments:download", args=[attachment.pk]))
        assert download.status_code == (200 if visible else 404), (name, key)
        added = _post_file(client, key, target.pk)
        may_change = holder.may_change(users[name], target)
        expected = 404 if not visible else 302 if may_change else 403
        assert added.status_code == expected, (name, key)
        seen[name] = (visible, may_change)
    # The owner's rules, as docs/attachments.md states them.
    assert seen["officer"] == (True, True)
    assert seen["mat"][1] is False
    assert seen["outsider"] == (False, False) or key == "dossier"
    assert seen["staff"][1] is (key == "dossier")


def test_the_page_lists_its_attachments_and_offers_the_form_only_to_who_may_change(
    targets, users, client_for
):
    programme, page = targets["programme"]
    _attach(programme, users["officer"], name="Presentatie MAT.pdf")
    answer = client_for("officer").get(page)
    assert "Presentatie MAT.pdf" in answer.text
    assert reverse("attachments:add", args=["programme", programme.pk]) in answer.text
    answer = client_for("mat").get(page)
    assert "Presentatie MAT.pdf" in answer.text
    assert reverse("attachments:add", args=["programme", programme.pk]) not in answer.text


def test_another_municipalitys_attachment_does_not_exist(targets, users, client_for):
    other = MunicipalityFactory(name="Gemeente Elders", reference_prefix="ELD")
    with municipality_scope(other):
        their_officer = UserFactory(username="elders", roles=["procurement_officer"])
        their_dossier = DossierFactory()
        theirs = _attach(their_dossier, their_officer)
    client = client_for("officer")
    for url in (
        reverse("attachments:remove", args=[theirs.pk]),
        reverse("attachments:annexes", args=[theirs.pk]),
    ):
        assert client.post(url).status_code == 404
    assert client.get(reverse("attachments:download", args=[theirs.pk])).status_code == 404
    assert _post_file(client, "dossier", their_dossier.pk).status_code == 404
    with municipality_scope(other):
        assert Attachment.objects.filter(pk=theirs.pk).exists()
        assert Attachment.objects.count() == 1


def test_an_unknown_kind_is_404(client_for, targets):
    dossier, _page = targets["dossier"]
    assert _post_file(client_for("officer"), "person", dossier.pk).status_code == 404


def test_the_download_is_an_attachment_with_its_name_and_type(targets, users, client_for):
    programme, _page = targets["programme"]
    attachment = _attach(programme, users["officer"], name="Marktverslag – café\n\x00.pdf")
    answer = client_for("mat").get(reverse("attachments:download", args=[attachment.pk]))
    assert b"".join(answer.streaming_content) == pdf()
    assert answer["Content-Type"] == "application/pdf"
    assert answer["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in answer["Content-Security-Policy"]
    disposition = answer["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''Marktverslag%20%E2%80%93%20caf%C3%A9.pdf" in disposition
    assert "\n" not in disposition
    assert "\r" not in disposition
    assert "\x00" not in disposition


def test_a_quote_in_the_name_cannot_break_the_header(targets, users, client_for):
    dossier, _page = targets["dossier"]
    attachment = _attach(dossier, users["officer"], name='a"; filename="evil.html.pdf')
    answer = client_for("officer").get(reverse("attachments:download", args=[attachment.pk]))
    assert answer["Content-Disposition"] == (
        'attachment; filename="a\\"; filename=\\"evil.html.pdf"'
    )


def test_the_stored_name_is_random_and_says_nothing(targets, users):
    dossier, _page = targets["dossier"]
    first = _attach(dossier, users["officer"], name="bestek.pdf")
    second = _attach(dossier, users["officer"], name="bestek.pdf")
    assert first.file.name != second.file.name
    for attachment in (first, second):
        stored = attachment.file.name
        assert stored.startswith("attachments/")
        assert "bestek" not in stored
        assert "." not in stored
        assert len(stored.removeprefix("attachments/")) >= 32
    assert first.size == len(pdf())
    assert len(first.sha256) == 64


def test_a_name_with_nul_through_the_page(targets, client_for):
    pilot, _page = targets["pilot"]
    client = client_for("officer")
    answer = _post_file(client, "pilot", pilot.pk, name="bestek\x00versie 2.pdf")
    assert answer.status_code == 302
    stored = Attachment.objects.get()
    assert stored.name == "bestekversie 2.pdf"


def test_a_raw_newline_in_the_name_is_refused_with_a_message(targets, client_for):
    """A browser sends a newline in a file name encoded (%0A); sent raw, it ends the part's
    header early: the upload then has no usable name and is refused, with a message."""
    pilot, page = targets["pilot"]
    client = client_for("officer")
    answer = _post_file(client, "pilot", pilot.pk, name="bestek\r\nversie 2.pdf")
    assert answer.status_code == 302
    assert answer["Location"] == f"{page}#attachments"
    assert not Attachment.objects.exists()
    assert "Niet toegevoegd" in client.get(page).text


def test_newlines_and_nul_never_reach_the_stored_name(targets, users):
    pilot, _page = targets["pilot"]
    attachment = _attach(pilot, users["officer"], name="bestek\x00\r\nversie\t2.pdf")
    assert attachment.name == "bestek versie 2.pdf"


def test_a_refused_file_says_why_and_stores_nothing(targets, client_for):
    consultation, page = targets["consultation"]
    client = client_for("officer")
    answer = _post_file(
        client, "consultation", consultation.pk, name="slides.pdf", data=sample("png")
    )
    assert answer.status_code == 302
    assert answer["Location"] == f"{page}#attachments"
    followed = client.get(answer["Location"])
    assert "Niet toegevoegd: De inhoud van dit bestand is niet wat de extensie .pdf zegt." in (
        followed.text
    )
    assert not Attachment.objects.exists()


def test_a_double_submit_attaches_once(targets, client_for):
    dossier, _page = targets["dossier"]
    client = client_for("officer")
    token = token_new()
    first = _post_file(client, "dossier", dossier.pk, **{FIELD: token})
    second = _post_file(client, "dossier", dossier.pk, **{FIELD: token})
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert Attachment.objects.count() == 1


def test_removing_deletes_the_file(targets, users, client_for, django_capture_on_commit_callbacks):
    dossier, page = targets["dossier"]
    attachment = _attach(dossier, users["officer"])
    stored = attachment.file.name
    assert default_storage.exists(stored)
    assert (
        client_for("mat").post(reverse("attachments:remove", args=[attachment.pk])).status_code
        == 403
    )
    with django_capture_on_commit_callbacks(execute=True):
        answer = client_for("officer").post(reverse("attachments:remove", args=[attachment.pk]))
    assert answer.status_code == 302
    assert answer["Location"] == f"{page}#attachments"
    assert not Attachment.objects.exists()
    assert not default_storage.exists(stored)


def test_deleting_the_object_deletes_its_attachments_and_files(
    targets, users, django_capture_on_commit_callbacks
):
    consultation, _page = targets["consultation"]
    attachment = _attach(consultation, users["officer"])
    stored = attachment.file.name
    with django_capture_on_commit_callbacks(execute=True):
        consultation.delete()
    assert not Attachment.objects.exists()
    assert not default_storage.exists(stored)


def test_only_programme_and_pilot_attachments_go_to_the_annexes(targets, users, client_for):
    client = client_for("officer")
    for key in ("programme", "pilot", "dossier", "consultation"):
        target, _page = targets[key]
        _post_file(client, key, target.pk, name=f"{key}.pdf", in_annexes="on")
    chosen = dict(Attachment.objects.values_list("name", "in_annexes"))
    assert chosen == {
        "programme.pdf": True,
        "pilot.pdf": True,
        "dossier.pdf": False,
        "consultation.pdf": False,
    }
    pilot_attachment = Attachment.objects.get(name="pilot.pdf")
    client.post(reverse("attachments:annexes", args=[pilot_attachment.pk]), {"in_annexes": "0"})
    pilot_attachment.refresh_from_db()
    assert pilot_attachment.in_annexes is False
    dossier_attachment = Attachment.objects.get(name="dossier.pdf")
    answer = client.post(reverse("attachments:annexes", args=[dossier_attachment.pk]))
    assert answer.status_code == 404
