"""Documents are laid out by a background worker, never in a web request: a draft PDF link asks
for a rendering and says it is being prepared; the download appears when a worker has made it;
a stale draft is never served; a failure says so with a retry. Tests run the queued tasks
through the database backend's own worker (`tests.tasks.run_tasks`)."""

import pytest
from django.core.signals import request_finished, request_started
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from pilots.documents import render
from pilots.documents.models import DocumentKind, OfficialDocument, Rendering
from pilots.models import ProgrammeEvaluation
from tests.pilots.factories import edit_programme
from tests.tasks import run_tasks

pytestmark = pytest.mark.django_db


def _pdf_url(programme, kind="briefing"):
    return reverse(f"pilots:{kind}_pdf", args=[programme.pk])


def test_a_draft_is_prepared_by_a_worker_and_then_downloaded(client_for, programme):
    client = client_for("officer")
    page = client.get(_pdf_url(programme))
    assert page.status_code == 200
    assert page["Content-Type"].startswith("text/html")
    content = page.content.decode()
    assert "wordt voorbereid" in content
    rendering = Rendering.objects.get()
    assert (rendering.kind, rendering.official, rendering.status) == ("briefing", False, "pending")
    status_url = reverse("pilots:rendering_status", args=[programme.pk, rendering.pk])
    assert f'hx-get="{status_url}"' in content  # htmx polls the status
    assert f'href="{_pdf_url(programme)}"' in content  # without JS: check again
    run_tasks()
    polled = client.get(status_url, HTTP_HX_REQUEST="true")
    assert "<html" not in polled.content.decode()
    assert "hx-get" not in polled.content.decode()  # ready: the polling stops
    assert _pdf_url(programme) in polled.content.decode()
    response = client.get(_pdf_url(programme))
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"] == f'inline; filename="briefing-{programme.pk}-concept.pdf"'
    )
    assert programme.title.encode("latin-1") in response.content
    assert not OfficialDocument.objects.exists()  # a draft is never an official version


def test_a_double_click_enqueues_one_job(client_for, programme):
    client = client_for("officer")
    client.get(_pdf_url(programme))
    client.get(_pdf_url(programme))
    client_for("director").get(_pdf_url(programme))  # the same draft for every draft reader
    assert Rendering.objects.count() == 1
    assert len(run_tasks()) == 1


def test_a_stale_draft_is_never_served(client_for, programme, users):
    client = client_for("officer")
    client.get(_pdf_url(programme))
    run_tasks()
    assert client.get(_pdf_url(programme))["Content-Type"] == "application/pdf"
    edit_programme(programme, user=users["officer"], title="Een nieuwe titel")
    page = client.get(_pdf_url(programme))
    assert page["Content-Type"].startswith("text/html")
    assert "wordt voorbereid" in page.content.decode()
    run_tasks()
    response = client.get(_pdf_url(programme))
    assert b"Een nieuwe titel" in response.content
    # The out-of-date draft and its file are gone.
    assert Rendering.objects.count() == 1


def test_each_language_gets_its_own_draft(client_for, programme):
    client = client_for("officer")
    client.get(_pdf_url(programme))
    client.cookies["django_language"] = "en"
    client.get(_pdf_url(programme), HTTP_ACCEPT_LANGUAGE="en")
    assert set(Rendering.objects.values_list("language", flat=True)) >= {"nl-be"}


def _broken(html):
    raise RuntimeError("WeasyPrint broke")


def test_a_failed_draft_says_so_with_a_retry_never_a_500(client_for, programme, monkeypatch):
    client = client_for("officer")
    client.get(_pdf_url(programme, "evaluation"))
    with monkeypatch.context() as patched:
        patched.setattr(render, "html_to_pdf", _broken)
        run_tasks(failures_expected=True)
    rendering = Rendering.objects.get()
    assert rendering.is_failed
    page = client.get(_pdf_url(programme, "evaluation"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "kon niet worden voorbereid" in content
    retry_url = reverse("pilots:rendering_retry", args=[programme.pk, rendering.pk])
    assert f'action="{retry_url}"' in content
    assert client.get(retry_url).status_code == 405
    response = client.post(retry_url)
    assert response.status_code == 302
    assert response["Location"] == _pdf_url(programme, "evaluation")
    assert Rendering.objects.get().is_pending
    run_tasks()
    assert client.get(_pdf_url(programme, "evaluation"))["Content-Type"] == "application/pdf"


def test_a_ready_draft_whose_file_is_gone_is_laid_out_again(client_for, programme):
    client = client_for("officer")
    client.get(_pdf_url(programme))
    run_tasks()
    Rendering.objects.get().file.delete(save=False)
    page = client.get(_pdf_url(programme))
    assert "wordt voorbereid" in page.content.decode()
    run_tasks()
    assert client.get(_pdf_url(programme))["Content-Type"] == "application/pdf"


def test_the_status_of_a_rendering_of_another_programme_is_not_found(client_for, programme, users):
    from tests.pilots.factories import make_programme

    other = make_programme(user=users["officer"])
    client = client_for("officer")
    client.get(_pdf_url(other))
    rendering = Rendering.objects.get()
    response = client.get(
        reverse("pilots:rendering_status", args=[programme.pk, rendering.pk]),
        HTTP_HX_REQUEST="true",
    )
    assert "vervangen" in response.content.decode()  # none of this programme: nothing shown
    assert (
        client.post(
            reverse("pilots:rendering_retry", args=[programme.pk, rendering.pk])
        ).status_code
        == 404
    )
    assert (
        client_for("staff")
        .get(reverse("pilots:rendering_status", args=[other.pk, rendering.pk]))
        .status_code
        == 403
    )


def test_each_task_runs_in_its_programmes_municipality(client_for, programme):
    client_for("officer").get(_pdf_url(programme))
    run_tasks()
    task = DBTaskResult.objects.get()
    assert task.status == "SUCCESSFUL"
    assert task.args_kwargs["kwargs"] == {
        "rendering_id": Rendering.objects.get().pk,
        "municipality_id": programme.municipality_id,
    }


# --- No web request lays out a document ------------------------------------------------------


@pytest.fixture
def no_layout_in_requests(monkeypatch):
    """WeasyPrint (`render.html_to_pdf`) raises while a request is being handled; what a
    worker lays out outside one is counted."""
    state = {"in_request": False, "outside": 0}
    laid_out = render.html_to_pdf

    def started(**kwargs):
        state["in_request"] = True

    def finished(**kwargs):
        state["in_request"] = False

    def guarded(html):
        if state["in_request"]:
            raise AssertionError("WeasyPrint ran inside a web request")
        state["outside"] += 1
        return laid_out(html)

    monkeypatch.setattr(render, "html_to_pdf", guarded)
    request_started.connect(started)
    request_finished.connect(finished)
    yield state
    request_started.disconnect(started)
    request_finished.disconnect(finished)


def test_no_web_request_calls_weasyprint(no_layout_in_requests, client_for, programme, users):
    pk = programme.pk
    for kind in ("briefing", "evaluation"):
        client_for("officer").get(_pdf_url(programme, kind))
        client_for("officer").get(
            reverse(
                f"pilots:{kind}_preview" if kind == "briefing" else "pilots:evaluation_preview",
                args=[pk],
            )
        )
    assert (
        client_for("officer").post(reverse("pilots:programme_submit", args=[pk])).status_code == 302
    )
    decide_url = reverse("pilots:programme_decide", args=[pk])
    assert (
        client_for("director")
        .post(decide_url, {"outcome": "approved", "co_validator": users["head"].pk})
        .status_code
        == 302
    )
    # The strategic cell's advice opens the MAT's stage: its briefing is frozen, off the request.
    assert (
        client_for("cell")
        .post(decide_url, {"communication_advice": "Kort.", "scale_up_advice": "Beleid."})
        .status_code
        == 302
    )
    mat_fields = {"outcome": "approved", "meeting_date": timezone.localdate().isoformat()}
    assert (
        client_for("mat").post(decide_url, mat_fields).status_code == 200
    )  # refused: being prepared
    assert client_for("mat").get(decide_url).status_code == 200
    run_tasks()
    assert no_layout_in_requests["outside"] == 3  # two drafts and the briefing, by the worker
    assert client_for("mat").post(decide_url, mat_fields).status_code == 302
    # The evaluation fed back to the MAT is frozen by a worker too.
    evaluation_url = reverse("pilots:programme_evaluation", args=[pk])
    today = timezone.localdate().isoformat()
    assert (
        client_for("officer")
        .post(evaluation_url, {"summary": "Geëvalueerd.", "fed_back_on": today})
        .status_code
        == 302
    )
    for kind in ("briefing", "evaluation"):
        client_for("officer").get(_pdf_url(programme, kind))
    client_for("officer").get(reverse("pilots:document_list", args=[pk]))
    run_tasks()
    report = OfficialDocument.objects.get(kind=DocumentKind.EVALUATION)
    assert (
        client_for("officer")
        .post(
            evaluation_url,
            {"summary": "Geëvalueerd.", "fed_back_on": today, "mat_decision": "Opschalen."},
        )
        .status_code
        == 302
    )
    assert ProgrammeEvaluation.objects.get().mat_decision == "Opschalen."
    for url in (
        _pdf_url(programme, "briefing"),
        _pdf_url(programme, "evaluation"),
        report.get_absolute_url(),
        OfficialDocument.objects.get(kind=DocumentKind.BRIEFING).get_absolute_url(),
    ):
        assert client_for("officer").get(url)["Content-Type"] == "application/pdf", url
    # The report, and the draft of it asked for before the worker had frozen it.
    assert no_layout_in_requests["outside"] == 5
