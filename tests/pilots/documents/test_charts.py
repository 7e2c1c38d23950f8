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
