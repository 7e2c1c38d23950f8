"""Forms of evaluation. They check the shape of the input; the rules (locks, dates) live in
the services."""

from crispy_forms.layout import Div, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField, DateInput, form_helper
from core.idempotency import OnceTokenMixin

from .models import Conclusion, EvaluationPoint, PilotEvaluation

DECIMAL_ATTRS = {"step": "0.01", "inputmode": "decimal"}


class PointForm(OnceTokenMixin, forms.ModelForm):
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required once the programme is approved: the points are locked then."),
    )

    class Meta:
        model = EvaluationPoint
        fields = [
            "category",
            "indicator",
            "unit",
            "baseline",
            "target",
            "direction",
            "weight",
            "method",
        ]
        widgets = {
            "baseline": forms.NumberInput(attrs=DECIMAL_ATTRS),
            "target": forms.NumberInput(attrs=DECIMAL_ATTRS),
            "weight": forms.NumberInput(attrs={"min": "1", "max": "10"}),
            "method": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, locked: bool, template=None, **kwargs):
        super().__init__(*args, **kwargs)
        if template is not None and not self.is_bound:
            self.initial.update(
                {
                    "category": template.category,
                    "indicator": template.indicator_label,
                    "unit": template.unit,
                    "direction": template.direction,
                    "weight": template.weight,
                    "method": template.method_label,
                }
            )
        if not locked:
            del self.fields["reason"]
        self.helper = form_helper(
            Div(
                Div("category", css_class="col-md-4"),
                Div("indicator", css_class="col-md-8"),
                css_class="row",
            ),
            Div(
                Div("baseline", css_class="col-md-3"),
                Div("target", css_class="col-md-3"),
                Div("unit", css_class="col-md-2"),
                Div("direction", css_class="col-md-2"),
                Div("weight", css_class="col-md-2"),
                css_class="row",
            ),
            "method",
            *(["reason"] if locked else []),
            Submit("save", _("Save")),
            form_tag=False,
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeasurementForm(OnceTokenMixin, forms.Form):
    measured_on = forms.DateField(label=_("Date"), widget=DateInput())
    value = forms.DecimalField(
        label=_("Value"), max_digits=14, decimal_places=2, widget=forms.NumberInput(DECIMAL_ATTRS)
    )
    source = forms.CharField(label=_("Source"), max_length=200)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, unit: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        if unit:
            self.fields["value"].label = _("Value (%(unit)s)") % {"unit": unit}
        self.helper = form_helper(
            Div(
                Div("measured_on", css_class="col-md-4"),
                Div("value", css_class="col-md-4"),
                Div("source", css_class="col-md-4"),
                css_class="row",
            ),
            "note",
            Submit("save", _("Add measurement")),
        )


def _measurement_reason_field() -> forms.CharField:
    return forms.CharField(
        label=_("Why?"),
        help_text=_("Kept in the history of this point's measurements."),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MeasurementCorrectionForm(MeasurementForm):
    """The measurement as it should have been, and why."""

    reason = _measurement_reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Div(
                Div("measured_on", css_class="col-md-4"),
                Div("value", css_class="col-md-4"),
                Div("source", css_class="col-md-4"),
                css_class="row",
            ),
            "note",
            "reason",
            Submit("save", _("Save the correction")),
        )


class MeasurementRemovalForm(forms.Form):
    reason = _measurement_reason_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Remove the measurement"))


class UnmeasuredReasonForm(forms.Form):
    unmeasured_reason = forms.CharField(
        label=_("Why is this point not measured?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Shown in the evaluation report while the point has no measurement. Leave empty "
            "to clear it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper("unmeasured_reason", Submit("save_reason", _("Save the reason")))


class PilotEvaluationForm(forms.ModelForm):
    class Meta:
        model = PilotEvaluation
        fields = ["summary", "lessons", "success_factors", "pitfalls", "conclusion", "motivation"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "success_factors": forms.Textarea(attrs={"rows": 3}),
            "pitfalls": forms.Textarea(attrs={"rows": 3}),
            "conclusion": forms.RadioSelect,
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["conclusion"].choices = Conclusion.choices
        self.fields["motivation"].required = False
        self.helper = form_helper(
            "summary",
            "lessons",
            "success_factors",
            "pitfalls",
            "conclusion",
            "motivation",
            Submit("save", _("Save the evaluation")),
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ProgrammeEvaluationForm(forms.Form):
    summary = forms.CharField(
        label=_("Summary"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5})
    )
    fed_back_on = forms.DateField(
        label=_("Fed back to the MAT on"),
        required=False,
        widget=DateInput(),
        help_text=_(
            "Saving a new date freezes the evaluation report as it stands as an official "
            "version: the report the MAT decides on."
        ),
    )
    budget_spent = AmountField(
        label=_("Budget spent"),
        required=False,
        min_value=0,
        help_text=_("What the programme spent of its own budget, excl. VAT."),
    )
    mat_decision = forms.CharField(
        label=_("Decision of the MAT"),
        required=False,
        help_text=_(
            "Recorded afterwards, once the report fed back on that date is frozen; it is not "
            "written into the report the MAT decided on."
        ),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            "summary",
            Div(
                Div("fed_back_on", css_class="col-md-4"),
                Div("budget_spent", css_class="col-md-4"),
                css_class="row",
            ),
            "mat_decision",
            Submit("save", _("Save")),
        )
