"""The Gantt chart, on hand-made rows (no database)."""

import datetime
import itertools

from pilots.execution import charts

DAY = datetime.date(2026, 1, 1)


def _rows():
    return [
        charts.GanttRow("A", DAY, DAY + datetime.timedelta(days=27)),
        charts.GanttRow(
            "B",
            DAY + datetime.timedelta(days=28),
            DAY + datetime.timedelta(days=90),
            actual_start=DAY + datetime.timedelta(days=35),
        ),
    ]


def test_the_gantt_chart_places_bars_in_time_order():
    chart = charts.gantt_chart(_rows(), size=charts.PRINT)
    first, second = chart["bars"]
    assert float(first["planned"]["x"]) == charts.PRINT.label_width
    assert float(second["planned"]["x"]) >= (
        float(first["planned"]["x"]) + float(first["planned"]["w"]) - 0.2
    )
    assert second["actual"]["open"] is True
    assert chart["has_actual"]
    assert charts.gantt_chart([]) is None


def test_a_running_phase_runs_up_to_today_only_when_the_chart_knows_today():
    today = DAY + datetime.timedelta(days=60)
    with_today = charts.gantt_chart(_rows(), today=today)["bars"][1]["actual"]
    without = charts.gantt_chart(_rows())["bars"][1]["actual"]
    assert float(with_today["w"]) > float(without["w"])
    assert charts.gantt_chart(_rows())["today"] is None


def test_the_screen_and_the_paper_draw_the_same_bars_at_the_same_places_in_time():
    screen = charts.gantt_chart(_rows(), size=charts.SCREEN)
    paper = charts.gantt_chart(_rows(), size=charts.PRINT)

    def share(chart, size, part):
        plot = size.width - size.label_width - size.right
        return [
            round((float(bar[part]["x"]) - size.label_width) / plot, 2)
            for bar in chart["bars"]
            if bar[part]
        ]

    for part in ("planned", "actual"):
        assert share(screen, charts.SCREEN, part) == share(paper, charts.PRINT, part)
    assert [tick["label"] for tick in screen["ticks"]] == [tick["label"] for tick in paper["ticks"]]


def test_a_plan_alone_is_drawn_in_full_on_paper():
    plan = [charts.GanttRow("A", DAY, DAY + datetime.timedelta(days=27))]
    bar = charts.gantt_chart(plan, size=charts.PRINT)["bars"][0]["planned"]
    assert (bar["h"], bar["fill"]) == (14, charts.PRINT.colours["actual_fill"])
    assert charts.gantt_chart(plan)["bars"][0]["planned"]["h"] == charts.SCREEN.bar


def test_the_month_labels_thin_out_when_they_no_longer_fit():
    ticks = charts.month_ticks(DAY, datetime.date(2027, 1, 1), labels=12)
    assert len(ticks) == 12
    assert all(show for _month, show in ticks)
    ticks = charts.month_ticks(DAY, datetime.date(2027, 7, 1), labels=12)
    assert [show for _month, show in ticks][:4] == [True, False, True, False]
    # A month that starts before the first day gets no line, but counts for the rhythm.
    ticks = charts.month_ticks(
        DAY + datetime.timedelta(days=3), datetime.date(2027, 7, 1), labels=12
    )
    assert ticks[0] == (datetime.date(2026, 2, 1), False)


def _label_extent(chart, size, label):
    x = float(label["x"])
    if label["anchor"] == "middle":
        return x - size.month_label / 2, x + size.month_label / 2
    return x, x + size.month_label


def test_the_months_cut_off_at_the_edges_keep_their_names_and_stay_inside():
    """The walk-through: a chart from 20 January lost "Jan" and the last label ran off."""
    rows = [charts.GanttRow("A", datetime.date(2026, 1, 10), datetime.date(2026, 4, 20))]
    for size in (charts.SCREEN, charts.PRINT):
        chart = charts.gantt_chart(rows, size=size)
        labels = chart["month_labels"]
        assert labels[0]["label"].lower().startswith("jan")
        assert labels[-1]["label"].lower().startswith("apr")
        plot_left, plot_right = size.label_width, size.width - size.right
        for label in labels:
            left, right = _label_extent(chart, size, label)
            assert plot_left <= left, label
            assert right <= plot_right + size.right, label


def test_many_months_thin_out_without_overlapping_or_leaving_the_plot():
    rows = [charts.GanttRow("A", datetime.date(2026, 1, 20), datetime.date(2028, 12, 10))]
    for size in (charts.SCREEN, charts.PRINT):
        labels = charts.gantt_chart(rows, size=size)["month_labels"]
        assert float(labels[0]["x"]) == size.label_width
        extents = [_label_extent(None, size, label) for label in labels]
        assert all(a[1] <= b[0] for a, b in itertools.pairwise(extents))
        assert extents[-1][1] <= size.width - size.right
        assert 6 <= len(labels) <= size.month_labels
