"""The evaluation forms: a reason is asked only while the points are locked, a template fills
the point in, the unit labels the value, and the form leaves the motivation rule to the
service."""

import pytest
from django.utils import translation

from pilots.evaluation.forms import MeasurementForm, PilotEvaluationForm, PointForm
from pilots.models import EvaluationPointTemplate
from tests.pilots.evaluation_helpers import point_fields

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_reason_is_asked_only_while_the_points_are_locked():
    assert "reason" not in PointForm(locked=False).fields
    assert "reason" in PointForm(locked=True).fields


def test_a_template_fills_in_the_point_but_not_the_baseline_or_the_target():
    template = EvaluationPointTemplate.objects.get(code="co2e-avoided")
    form = PointForm(locked=False, template=template)
    assert form.initial["indicator"] == template.indicator_label
    assert form.initial["unit"] == template.unit
    assert "baseline" not in form.initial
    assert "target" not in form.initial


def test_the_point_form_hands_the_service_the_point():
    fields = point_fields()
    form = PointForm({**fields, "reason": "Nieuw"}, locked=True)
    assert form.is_valid(), form.errors
    assert form.service_fields() == fields


def test_the_unit_labels_the_measured_value():
    assert MeasurementForm(unit="kg").fields["value"].label == "Value (kg)"
    assert MeasurementForm().fields["value"].label == "Value"


def test_the_evaluation_form_leaves_the_motivation_to_the_service():
    form = PilotEvaluationForm({"summary": "Goed.", "conclusion": "scale_up"})
    assert form.is_valid(), form.errors
    assert form.service_fields()["motivation"] == ""
    assert not PilotEvaluationForm({"summary": "Goed.", "conclusion": "maybe"}).is_valid()
