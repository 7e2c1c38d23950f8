from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, form_helper
from core.idempotency import OnceTokenMixin
from stakeholders.models import Department

from . import scoring
from .models import Candidate, Criterion


class RoundForm(OnceTokenMixin, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(
        label=_("Question to the departments"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    deadline = forms.DateField(label=_("Deadline for answers"), widget=DateInput())
    departments = forms.ModelMultipleChoiceField(
        label=_("Departments asked"),
        queryset=Department.objects.all(),
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Open the round"))


class LinkDossierForm(OnceTokenMixin, forms.Form):
    dossier = forms.ModelChoiceField(label=_("Existing dossier"), queryset=None)
    willingness = forms.ChoiceField(
        label=_("Willing to tender circularly"),
        choices=Candidate._meta.get_field("willingness").choices,
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    local_preference = forms.BooleanField(
        label=_("Strong preference for local suppliers"), required=False
    )

    def __init__(self, *args, dossiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dossier"].queryset = dossiers
        self.helper = form_helper(submit=_("Add to the answer"))


class CandidateAnswerForm(forms.ModelForm):
    class Meta:
        model = Candidate
        fields = ["willingness", "motivation", "local_preference"]
        widgets = {"motivation": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Save"))


class CompleteAnswerForm(forms.Form):
    note = forms.CharField(
        label=_("Note with the answer (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Mark the answer complete"))


class CriterionForm(forms.Form):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    name = forms.CharField(label=_("Name"), max_length=120)
    description = forms.CharField(label=_("Description"), max_length=500, required=False)
    source = forms.ChoiceField(label=_("Scored from"), choices=Criterion.Source.choices)
    weight = forms.DecimalField(
        label=_("Weight"),
        max_digits=5,
        decimal_places=1,
        min_value=0,
        max_value=100,
        widget=forms.NumberInput(attrs={"step": "0.5", "min": "0", "max": "100"}),
    )

    def has_changed(self) -> bool:
        # A select always posts its shown option, so the untouched "add a criterion" row would
        # count as changed and fail on its empty name: a row is new only when something is typed.
        return any(name != "source" for name in self.changed_data)


class BaseCriterionFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        rows = []
        for position, form in enumerate(self.forms, start=1):
            data = form.cleaned_data
            if not data:
                continue
            rows.append({**data, "position": position, "delete": data.get("DELETE", False)})
        return rows


# A round's criteria fit on one page; a posted TOTAL_FORMS beyond this is refused with a
# message instead of building (Django's default) up to 2,000 forms.
MAX_CRITERIA = 50

CriterionFormSet = formset_factory(
    CriterionForm,
    formset=BaseCriterionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_CRITERIA,
    absolute_max=MAX_CRITERIA,
    validate_max=True,
)


class HandScoresForm(forms.Form):
    """One score (0–5) and comment per hand criterion of the round."""

    def __init__(self, *args, criteria, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            current = scores.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s: score (0–5)") % {"name": criterion.name},
                min_value=0,
                max_value=scoring.HAND_SCALE_MAX,
                required=False,
                initial=current.score if current else None,
                help_text=criterion.description,
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s: comment") % {"name": criterion.name},
                max_length=2000,
                required=False,
                initial=current.comment if current else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.helper = form_helper(submit=_("Save the scores"), submit_name="save-scores")

    def scores(self) -> dict:
        return {
            c.pk: (self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }


class OverrideForm(forms.Form):
    total = forms.DecimalField(
        label=_("Overridden total (0–100)"),
        max_digits=5,
        decimal_places=2,
        min_value=0,
        max_value=100,
        required=False,
        help_text=_("Leave empty to use the computed total."),
    )
    rationale = forms.CharField(
        label=_("Rationale of the override"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Save the override"), submit_name="save-override")


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Candidate.Outcome.choices)
    rationale = forms.CharField(
        label=_("Rationale"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required when you select or reject the candidate."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Record the outcome"), submit_name="save-outcome")


class DecideForm(forms.Form):
    rationale = forms.CharField(
        label=_("Rationale of the decision"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    rest_rationale = forms.CharField(
        label=_("Rationale for the candidates without an outcome"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("They are rejected with this rationale."),
    )
    decide_without_answers = forms.BooleanField(
        label=_("I decide without the answers still to come"),
        required=False,
        help_text=_("Their dossiers can no longer be chosen once the round is decided."),
    )

    def __init__(self, *args, waiting=(), **kwargs):
        """`waiting`: the departments that may still answer before the deadline; without
        them there is nothing to confirm."""
        super().__init__(*args, **kwargs)
        if not waiting:
            del self.fields["decide_without_answers"]
        self.helper = form_helper(submit=_("Decide and close the round"))


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Reopen the decision"))
