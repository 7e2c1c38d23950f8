"""Forms of execution. They check the shape of the input; the rules (dates, the dossier's
status) live in the services."""

from crispy_forms.layout import Div, Submit
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, form_helper
from core.idempotency import OnceTokenMixin
from core.pickers import Picker, register, use_picker
from pilots import permissions
from stakeholders.models import Organisation

from .models import MarketDialogue


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


def organisation_label(obj) -> str:
    return f"{obj.name} ({obj.get_kind_display().lower()})"


# The market parties a market dialogue may name, searched by name.
MARKET_PARTIES = register(
    Picker(
        "market-parties",
        queryset=lambda: Organisation.objects.filter(kind=Organisation.Kind.MARKET_PARTY).order_by(
            "name"
        ),
        search_fields=("name",),
        may_use=permissions.can_record_execution,
        label=organisation_label,
    )
)


class OrganisationChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return organisation_label(obj)


class MarketDialogueForm(OnceTokenMixin, forms.ModelForm):
    organisations = OrganisationChoiceField(
        label=_("Market parties met"),
        queryset=Organisation.objects.none(),
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
        use_picker(self.fields["organisations"], MARKET_PARTIES)
        # The search offers market parties; other organisations already linked stay valid.
        self.fields["organisations"].queryset = Organisation.objects.filter(
            Q(kind=Organisation.Kind.MARKET_PARTY) | Q(pk__in=[o.pk for o in chosen])
        ).order_by("name")
        if chosen:
            self.fields["organisations"].initial = chosen
        self.helper = form_helper(
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
