from crispy_forms.layout import Div, Fieldset, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField, DateInput, form_helper
from core.idempotency import OnceTokenMixin
from core.pickers import Picker, register, use_picker
from core.roles import Role, holds_role_q
from pilots import permissions
from pilots.common.people import person_name
from procurement.models import CircularStrategy, Dossier

from . import selectors
from .models import DECISION_OUTCOMES, Pilot, Programme

# The dossiers a programme may take as pilots: those still under way.
OPEN_DOSSIERS = register(
    Picker(
        "open-dossiers",
        queryset=lambda: Dossier.objects.open().order_by("reference"),
        search_fields=("reference", "title"),
        may_use=permissions.can_write_programme,
        placeholder=_("Type a reference or words of the title"),
    )
)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class ProgrammeForm(OnceTokenMixin, forms.ModelForm):
    dossiers = forms.ModelMultipleChoiceField(
        label=_("Pilots (dossiers tendered circularly)"),
        queryset=Dossier.objects.none(),
        required=False,
        help_text=_("Each chosen dossier becomes a pilot. Type to search; you can choose several."),
    )

    class Meta:
        model = Programme
        fields = [
            "title",
            "purpose",
            "context",
            "budget",
            "funding_channel",
            "start_date",
            "risks",
            "agreements",
            "budget_covers",
            "budget_key",
            "feedback_due_on",
            "policy_mandate",
        ]
        widgets = {
            "start_date": DateInput(),
            "feedback_due_on": DateInput(),
            "budget_covers": forms.Textarea(attrs={"rows": 2}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "context": forms.Textarea(attrs={"rows": 4}),
            "risks": forms.Textarea(attrs={"rows": 3}),
            "agreements": forms.Textarea(attrs={"rows": 3}),
        }
        # Amounts as people type them: 40.000 or 40.000,00 (core.forms.amount_parse).
        field_classes = {"budget": AmountField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["dossiers"], OPEN_DOSSIERS)
        if self.instance.pk and "dossiers" not in self.initial:
            self.fields["dossiers"].initial = [
                pilot.dossier_id for pilot in self.instance.pilots.all()
            ]
        self.helper = form_helper(
            Fieldset(_("The programme"), "title", "purpose", "context"),
            Fieldset(
                _("Budget and planning"),
                Div(
                    Div("budget", css_class="col-md-4"),
                    Div("funding_channel", css_class="col-md-4"),
                    Div("start_date", css_class="col-md-4"),
                    css_class="row",
                ),
                "budget_covers",
                Div(
                    Div("budget_key", css_class="col-md-8"),
                    Div("feedback_due_on", css_class="col-md-4"),
                    css_class="row",
                ),
                "policy_mandate",
            ),
            Fieldset(_("Pilots"), "dossiers"),
            Fieldset(_("Risks and agreements"), "risks", "agreements"),
            Submit("save", _("Save")),
        )

    def service_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class PilotForm(forms.ModelForm):
    circular_strategies = forms.ModelMultipleChoiceField(
        label=_("Circular strategies (R-ladder)"),
        queryset=CircularStrategy.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Pilot
        fields = ["scope", "objectives", "procurement_budget", "circular_strategies"]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.phases = list(self.instance.phases.all())
        for phase in self.phases:
            for part, label in (("start", _("start")), ("end", _("end"))):
                self.fields[f"phase_{phase.pk}_{part}"] = forms.DateField(
                    label=f"{phase.phase_type}: {label}",
                    widget=DateInput(attrs={"class": "form-control form-control-sm"}),
                    initial=getattr(phase, f"planned_{part}"),
                )

    def phase_rows(self):
        return [
            (phase, self[f"phase_{phase.pk}_start"], self[f"phase_{phase.pk}_end"])
            for phase in self.phases
        ]

    def service_fields(self) -> dict:
        return {
            "scope": self.cleaned_data["scope"],
            "objectives": self.cleaned_data["objectives"],
            "procurement_budget": self.cleaned_data["procurement_budget"],
        }

    def planned_phases(self) -> dict:
        return {
            phase.pk: (
                self.cleaned_data[f"phase_{phase.pk}_start"],
                self.cleaned_data[f"phase_{phase.pk}_end"],
            )
            for phase in self.phases
        }


class DecisionForm(forms.Form):
    """The fields of the pending stage: a decision, an advice, with a co-validator or a
    meeting date where the stage asks for one. The rules themselves live in the service."""

    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(o.value, o.label) for o in DECISION_OUTCOMES],
        widget=forms.RadioSelect,
    )
    motivation = forms.CharField(
        label=_("Motivation"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text=_("Required unless you approve."),
    )
    conditions = forms.CharField(
        label=_("Conditions"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )
    communication_advice = forms.CharField(
        label=_("Communication advice to the MAT"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_("How to brief the management team."),
    )
    scale_up_advice = forms.CharField(
        label=_("Scale-up advice"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        max_length=5000,
        help_text=_(
            "How to scale up to a strategic procurement policy that also weighs local and "
            "social interests."
        ),
    )
    co_validator = UserChoiceField(label=_("Co-validated by"), queryset=None, required=False)
    meeting_date = forms.DateField(label=_("Meeting date"), widget=DateInput(), required=False)
    decided_on = forms.DateField(
        label=_("Decision date"),
        widget=DateInput(),
        required=False,
        help_text=_("The day the decision was taken; empty: today."),
    )

    def __init__(self, *args, stage, **kwargs):
        super().__init__(*args, **kwargs)
        if stage.is_advice:
            for name in ("outcome", "motivation", "conditions"):
                del self.fields[name]
        else:
            for name in ("communication_advice", "scale_up_advice"):
                del self.fields[name]
        if stage.co_validator_role:
            self.fields["co_validator"].queryset = (
                get_user_model()
                .objects.filter(holds_role_q(stage.co_validator_role), is_active=True)
                .select_related("person")
                .order_by("last_name", "first_name")
            )
            self.fields["co_validator"].label = _("Co-validated by (%(role)s)") % {
                "role": stage.get_co_validator_role_display().lower()
            }
        else:
            del self.fields["co_validator"]
        if stage.records_meeting:
            del self.fields["decided_on"]
        else:
            del self.fields["meeting_date"]
            if stage.is_advice:
                self.fields["decided_on"].label = _("Date of the advice")
                self.fields["decided_on"].help_text = _(
                    "The day the advice was given; empty: today."
                )
        self.helper = form_helper(form_tag=False)

    def service_fields(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if value is not None}


class SubstitutionForm(OnceTokenMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role you hand over"))
    substitute = UserChoiceField(label=_("Substitute"), queryset=None)
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (role, Role(role).label) for role in permissions.roles_to_hand_over(user)
        ]
        self.fields["substitute"].queryset = selectors.substitute_candidates(user=user)
        self.helper = form_helper(
            Div(
                Div("role", css_class="col-md-6"),
                Div("substitute", css_class="col-md-6"),
                Div("starts_on", css_class="col-md-6"),
                Div("ends_on", css_class="col-md-6"),
                css_class="row",
            ),
            Submit("save", _("Name substitute")),
        )
