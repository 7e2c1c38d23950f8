"""The list helper: its page size, its htmx answer, and the export of the same rows."""

import csv
import io

import pytest
from django.contrib.auth.models import Group
from django.http import Http404
from django.test import override_settings
from django.utils import timezone
from django_filters import FilterSet

from core.exports import Column
from core.listing import FilteredList, export_render, list_render, page_of


class GroupFilter(FilterSet):
    class Meta:
        model = Group
        fields = ["name"]


GROUPS = FilteredList(
    filterset=lambda request: GroupFilter(request.GET, queryset=Group.objects.order_by("name")),
    template="core/test_list.html",
    results_template="core/test_results.html",
    target="group-results",
    export_name="groepen",
    sheet_title="Groepen",
)
COLUMNS = [Column("Naam", lambda g: g.name)]


@pytest.fixture
def captured(monkeypatch):
    """The template and context `list_render` renders, instead of a real template."""
    seen = {}

    def render(request, template, context):
        seen.update(template=template, context=context)
        return "rendered"

    monkeypatch.setattr("core.listing.render", render)
    return seen


def _request(rf, path="/", **headers):
    from django_htmx.middleware import HtmxDetails

    request = rf.get(path, headers=headers)
    request.htmx = HtmxDetails(request)
    return request


@override_settings(PAGINATE_BY=3)
def test_the_page_size_is_the_setting(rf):
    page = page_of(_request(rf, "/?page=2"), list(range(10)))
    assert list(page.object_list) == [3, 4, 5]


def test_a_page_number_that_is_no_number_gives_the_first_page(rf):
    assert page_of(_request(rf, "/?page=x"), list(range(3))).number == 1


@pytest.mark.django_db
def test_the_list_answers_htmx_aimed_at_its_results_with_the_results_alone(rf, captured):
    GROUPS.render(_request(rf, HX_Request="true", HX_Target="group-results"))
    assert captured["template"] == "core/test_results.html"
    GROUPS.render(_request(rf, HX_Request="true", HX_Target="elsewhere"))
    assert captured["template"] == "core/test_list.html"


@pytest.mark.django_db
def test_the_query_for_export_and_sort_links_leaves_the_page_out(rf, captured):
    GROUPS.render(_request(rf, "/?name=x&page=2"), context={"extra": 1})
    assert captured["context"]["query"] == "name=x"
    assert captured["context"]["target"] == "group-results"
    assert captured["context"]["extra"] == 1


@pytest.mark.django_db
def test_the_export_holds_exactly_the_filtered_rows_named_after_today(rf):
    response = GROUPS.export(_request(rf, "/?name=mat-member"), file_format="csv", columns=COLUMNS)
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";" if ";" in content else ","))
    assert [row[0] for row in rows[1:]] == ["mat-member"]
    stamp = timezone.localdate().strftime("%Y%m%d")
    assert f'filename="groepen-{stamp}.csv"' in response["Content-Disposition"]


@pytest.mark.django_db
def test_an_unknown_export_format_is_not_found():
    with pytest.raises(Http404):
        export_render(file_format="pdf", name="x", sheet_title="x", columns=COLUMNS, rows=[])


@override_settings(PAGINATE_BY=1)
def test_every_list_page_takes_its_size_from_the_setting(rf, captured, db):
    list_render(
        _request(rf),
        filterset=GroupFilter({}, queryset=Group.objects.order_by("name")),
        template="a.html",
        results_template="b.html",
        target="t",
    )
    assert captured["context"]["page"].paginator.per_page == 1
