"""The documents' charts, on hand-made rows (no database)."""

from decimal import Decimal

from pilots.documents import charts


def test_the_score_chart_says_no_measurement_instead_of_drawing_a_zero():
    chart = charts.score_chart(
        [{"label": "Gerecycleerde vezels", "score": Decimal("100")}, {"label": "B", "score": None}],
        total={"label": "Pilot", "score": Decimal("87.5")},
    )
    measured, unmeasured, total = chart["bars"]
    assert measured["w"] > total["w"] > unmeasured["w"]
    assert (unmeasured["score"], total["total"]) == (None, True)
    assert [tick["value"] for tick in chart["ticks"]] == [0, 50, 100]
    assert charts.score_chart([]) is None


def test_the_timeline_chart_places_bars_in_time_order():
    import datetime

    day = datetime.date(2026, 1, 1)
    chart = charts.timeline_chart(
        [
            {
                "label": "A",
                "planned_start": day,
                "planned_end": day + datetime.timedelta(days=27),
            },
            {
                "label": "B",
                "planned_start": day + datetime.timedelta(days=28),
                "planned_end": day + datetime.timedelta(days=90),
                "actual_start": day + datetime.timedelta(days=35),
            },
        ]
    )
    first, second = chart["bars"]
    assert first["planned_x"] == charts.LABEL_WIDTH
    assert second["planned_x"] >= first["planned_x"] + first["planned_w"] - 0.2
    assert second["actual"]["open"] is True
    assert chart["has_actual"]
    assert charts.timeline_chart([]) is None
