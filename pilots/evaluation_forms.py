"""Forms of execution, evaluation and policy. They check the shape of the input; the rules
(locks, dates, transitions) live in the services."""

import django_filters
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Layout, Submit
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from procurement.dossiers.forms import DateInput
from stakeholders.models import Organisation

from .evaluation_models import Conclusion, Theme
from .models import (
    EvaluationPoint,
    MarketDialogue,
    PilotEvaluation,
    PolicyRecommendation,
    Programme,
)

DECIMAL_ATTRS = {"step": "0.01", "inputmode": "decimal"}


def _helper(*layout, form_tag: bool = True) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = form_tag
    if layout:
        helper.layout = Layout(*layout)
    return helper


class PhasesForm(forms.Form):
    """Actual start, end and note of every phase of a pilot; the planned dates are shown."""

    def __init__(self, *args, phases, **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = list(phases)
        for phase in self.phases:
            prefix = f"phase_{phase.pk}"
            self.fields[f"{prefix}_start"] = forms.DateField(
                label=_("%(phase)s: actual start") % {"phase": phase.phase_type},
                required=False,
                initial=phase.actual_start,
                widget=DateInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.fields[f"{prefix}_end"] = forms.DateField(
                label=_("%(phase)s: actual end") % {"phase": phase.phase_type},
                required=False,
                initial=phase.actual_end,
                widget=DateInput(attrs={"class": "form-control form-control-sm"}),
            )
            self.fields[f"{prefix}_note"] = forms.CharField(
                label=_("%(phase)s: note") % {"phase": phase.phase_type},
                required=False,
                max_length=2000,
                initial=phase.note,
                widget=forms.Textarea(attrs={"rows": 1, "class": "form-control form-control-sm"}),
            )

    def rows(self):
        return [
            (phase, [self[f"phase_{phase.pk}_{part}"] for part in ("start", "end", "note")])
            for phase in self.phases
        ]

    def service_phases(self) -> dict:
        data = self.cleaned_data
        return {
            phase.pk: (
                data[f"phase_{phase.pk}_start"],
                data[f"phase_{phase.pk}_end"],
                data[f"phase_{phase.pk}_note"],
            )
            for phase in self.phases
        }


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.get_kind_display().lower()})"


class MarketDialogueForm(forms.ModelForm):
    organisations = OrganisationChoiceField(
        label=_("Market parties met"),
        queryset=Organisation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("From the stakeholders register; add a missing party there first."),
    )

    class Meta:
        model = MarketDialogue
        fields = ["held_on", "form", "participant_count", "learned"]
        widgets = {"held_on": DateInput(), "learned": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = list(self.instance.organisations.all()) if self.instance.pk else []
        # Market parties first; other organisations already linked stay choosable.
        self.fields["organisations"].queryset = Organisation.objects.filter(
            Q(kind=Organisation.Kind.MARKET_PARTY) | Q(pk__in=[o.pk for o in chosen])
        ).order_by("name")
        if chosen:
            self.fields["organisations"].initial = chosen
        self.helper = _helper(
            Div(
                Div("held_on", css_class="col-md-4"),
                Div("form", css_class="col-md-4"),
                Div("participant_count", css_class="col-md-4"),
                css_class="row",
            ),
            "organisations",
            "learned",
            Submit("save", _("Save")),
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PointForm(forms.ModelForm):
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
        self.helper = _helper(
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


class MeasurementForm(forms.Form):
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
        self.helper = _helper(
            Div(
                Div("measured_on", css_class="col-md-4"),
                Div("value", css_class="col-md-4"),
                Div("source", css_class="col-md-4"),
                css_class="row",
            ),
            "note",
            Submit("save", _("Add measurement")),
        )


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
        self.helper = _helper(
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
        label=_("Fed back to the MAT on"), required=False, widget=DateInput()
    )
    mat_decision = forms.CharField(
        label=_("Decision of the MAT"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(
            "summary",
            Div(Div("fed_back_on", css_class="col-md-4"), css_class="row"),
            "mat_decision",
            Submit("save", _("Save")),
        )


class EvaluationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.pilot.dossier.title} ({obj.get_conclusion_display().lower()})"


class RecommendationForm(forms.ModelForm):
    evaluations = EvaluationChoiceField(
        label=_("Evaluations it rests on"),
        queryset=PilotEvaluation.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PolicyRecommendation
        fields = ["theme", "title", "text", "programme", "owner"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, evaluations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evaluations"].queryset = evaluations
        if self.instance.pk:
            self.fields["evaluations"].initial = list(self.instance.evaluations.all())
        self.fields["programme"].queryset = Programme.objects.filter(
            status=Programme.Status.APPROVED
        ).order_by("title")
        self.helper = _helper(
            Div(
                Div("theme", css_class="col-md-4"),
                Div("owner", css_class="col-md-4"),
                Div("programme", css_class="col-md-4"),
                css_class="row",
            ),
            "title",
            "text",
            "evaluations",
            Submit("save", _("Save")),
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class RecommendationMoveForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), widget=forms.RadioSelect)
    meeting_date = forms.DateField(
        label=_("Date of the MAT meeting"),
        required=False,
        widget=DateInput(),
        help_text=_("Required when the MAT adopts or rejects the recommendation."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, statuses, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(PolicyRecommendation.Status.choices)
        self.fields["status"].choices = [(s, labels[s]) for s in statuses]
        if not set(statuses) & PolicyRecommendation.DECIDED:
            del self.fields["meeting_date"]
        self.helper = _helper(form_tag=False)


class RecommendationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    theme = django_filters.MultipleChoiceFilter(
        label=_("Theme"), choices=Theme.choices, widget=forms.SelectMultiple
    )
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=PolicyRecommendation.Status.choices,
        widget=forms.SelectMultiple,
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        queryset=Programme.objects.filter(status=Programme.Status.APPROVED).order_by("title"),
    )
    sort = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=[
            ("title", "title"),
            ("theme", "theme"),
            ("status", "status"),
            ("updated_at", "updated"),
        ],
        field_labels={
            "title": _("Recommendation"),
            "theme": _("Theme"),
            "status": _("Status"),
            "updated_at": _("Last change"),
        },
    )

    class Meta:
        model = PolicyRecommendation
        fields = []

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(title__icontains=value) | Q(text__icontains=value))
