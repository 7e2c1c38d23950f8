"""Forms of policy and the recommendations' filter. They check the shape of the input; the
rules (transitions, dates) live in the services."""

import django_filters
from crispy_forms.layout import Div, Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, sort_filter
from core.forms import DateInput, form_helper
from core.idempotency import OnceTokenMixin
from pilots.approval.models import Programme
from pilots.evaluation.models import PilotEvaluation

from .models import PolicyRecommendation, Theme


class EvaluationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.pilot.dossier.title} ({obj.get_conclusion_display().lower()})"


class RecommendationForm(OnceTokenMixin, forms.ModelForm):
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
        self.fields["programme"].queryset = Programme.objects.approved().order_by("title")
        self.helper = form_helper(
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
        self.helper = form_helper(form_tag=False)


class RecommendationFilter(django_filters.FilterSet):
    q = SearchFilter("title__icontains", "text__icontains")
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
        queryset=lambda request: Programme.objects.approved().order_by("title"),
    )
    sort = sort_filter(
        ("title", "title", _("Recommendation")),
        ("theme", "theme", _("Theme")),
        ("status", "status", _("Status")),
        ("updated_at", "updated", _("Last change")),
    )

    class Meta:
        model = PolicyRecommendation
        fields = []
