"""The score chart, on hand-made rows (no database)."""

from decimal import Decimal

from pilots.evaluation import charts


def test_the_score_chart_says_no_measurement_instead_of_drawing_a_zero():
    chart = charts.score_chart(
        [charts.ScoreBar("Gerecycleerde vezels", Decimal("100")), charts.ScoreBar("B", None)],
        total=charts.ScoreBar("Pilot", Decimal("87.5")),
        size=charts.PRINT,
    )
    measured, unmeasured, total = chart["bars"]
    assert float(measured["w"]) > float(total["w"]) > float(unmeasured["w"])
    assert (unmeasured["score"], total["total"]) == (None, True)
    assert [tick["value"] for tick in chart["ticks"]] == [0, 50, 100]
    assert charts.score_chart([]) is None


def test_a_long_label_is_cut_and_keeps_its_full_text():
    name = "Aandeel van de leveranciers uit de sociale economie in de uitvoering"
    bar = charts.score_chart([charts.ScoreBar(name, Decimal("10"))])["bars"][0]
    assert bar["label"] == name[:39] + "…"
    assert bar["full_label"] == name


def test_the_screen_and_the_paper_give_each_score_the_same_share_of_the_plot():
    rows = [charts.ScoreBar("A", Decimal("25")), charts.ScoreBar("B", Decimal("80"))]
    for size in (charts.SCREEN, charts.PRINT):
        chart = charts.score_chart(rows, size=size)
        assert [round(float(bar["w"]) / size.plot, 2) for bar in chart["bars"]] == [0.25, 0.8]
