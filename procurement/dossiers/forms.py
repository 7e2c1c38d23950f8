from crispy_forms.layout import HTML, Div, Field, Fieldset, Submit
from django import forms
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.forms import AmountField, AmountInput, DateInput, form_helper
from core.idempotency import OnceTokenMixin
from core.models import Municipality
from procurement import permissions
from stakeholders.models import Person

from .models import CircularStrategy, Dossier
from .selectors import participant_candidates


def owner_choices(department_id):
    if not str(department_id or "").isdigit():
        return Person.objects.none()
    return Person.objects.filter(department_id=department_id).only("id", "full_name", "erased_at")


def _dossier_layout() -> tuple:
    """The form in three parts: the procurement, its procedure and planning, its circular
    potential; the suggested procedure shows live beside the chosen one."""
    return (
        Fieldset(
            _("The procurement"),
            "title",
            Div(
                Div("department", css_class="col-md-6"),
                Div("owner", css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div("subject_type", css_class="col-md-4"),
                Div(Field("estimated_value"), css_class="col-md-4"),
                Div("cpv_code", css_class="col-md-4"),
                css_class="row",
            ),
            "description",
        ),
        Fieldset(
            _("Procedure and planning"),
            HTML(
                '<div id="procedure-suggestion" class="mb-3" aria-live="polite">'
                '{% include "procurement/dossiers/_procedure_suggestion.html" %}</div>'
            ),
            "procedure",
            Div(
                Div("planned_publication_date", css_class="col-md-6"),
                Div("required_award_date", css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div("status", css_class="col-md-6"),
                Div(Field("awarded_value"), css_class="col-md-6"),
                css_class="row",
            ),
        ),
        Fieldset(
            _("Circular potential"),
            Div(
                Div("visibility", css_class="col-md-6"),
                Div("willingness", css_class="col-md-6"),
                css_class="row",
            ),
            "willingness_motivation",
            "circular_strategies",
        ),
        "notes",
        Submit("save", _("Save")),
    )


class DossierForm(OnceTokenMixin, forms.ModelForm):
    circular_strategies = forms.ModelMultipleChoiceField(
        label=_("Circular opportunities (R-ladder)"),
        queryset=CircularStrategy.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Dossier
        fields = [
            "title",
            "department",
            "owner",
            "subject_type",
            "description",
            "estimated_value",
            "procedure",
            "cpv_code",
            "planned_publication_date",
            "required_award_date",
            "visibility",
            "willingness",
            "willingness_motivation",
            "circular_strategies",
            "status",
            "awarded_value",
            "notes",
        ]
        field_classes = {"estimated_value": AmountField, "awarded_value": AmountField}
        widgets = {
            "planned_publication_date": DateInput(),
            "required_award_date": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "willingness_motivation": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = permissions.departments_for_filing(user)
        departments = self.fields["department"].queryset
        if not self.is_bound and self.instance.pk is None and len(departments) == 1:
            self.initial["department"] = departments[0].pk
        # The owner is chosen among the people of the dossier's department: a regional
        # instance has thousands of people, too many for one list.
        self.fields["owner"].queryset = owner_choices(self._department_id())
        self.fields["owner"].help_text = _("Someone of the chosen department.")
        self.fields["department"].widget.attrs.update(
            {
                "hx-get": reverse("procurement:owner_options"),
                "hx-trigger": "change",
                "hx-target": "#id_owner",
                "hx-swap": "innerHTML",
            }
        )
        self.fields["procedure"].help_text = _("Leave empty to follow the suggested procedure.")
        self.fields["cpv_code"].widget.attrs["placeholder"] = "39130000-2"
        suggestion_inputs = (
            "[name=subject_type],[name=estimated_value],[name=planned_publication_date]"
        )
        suggestion_url = reverse("procurement:procedure_suggestion")
        if self.instance.pk:
            # A joint dossier's suggestion counts its participants' shares.
            suggestion_url += "?" + urlencode({"dossier": self.instance.reference})
        for name in ("subject_type", "estimated_value", "planned_publication_date"):
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": suggestion_url,
                    "hx-trigger": "change",
                    "hx-target": "#procedure-suggestion",
                    "hx-include": suggestion_inputs,
                }
            )
        self.helper = form_helper(*_dossier_layout())

    def _department_id(self):
        if self.is_bound:
            return self.data.get("department") or None
        return self.initial.get("department") or self.instance.department_id

    def service_fields(self) -> dict:
        """The cleaned fields as the dossier services take them, the strategies apart."""
        data = dict(self.cleaned_data)
        data.pop("circular_strategies", None)
        return data


# --- Joint procurement ---------------------------------------------------------------------


class ParticipationForm(OnceTokenMixin, forms.Form):
    """Adds a participant to a joint dossier: a municipality of the lead's region and its
    share. A forged or foreign municipality id fails as a choice not offered; the service
    checks the rule again (`rules.participant_refusal`)."""

    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=Municipality.objects.none(),
        empty_label=_("Choose a municipality"),
    )
    share = AmountField(
        label=_("Share excl. VAT (€)"), min_value=0, max_digits=14, decimal_places=2
    )

    def __init__(self, *args, dossier, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = participant_candidates(dossier=dossier)
        self.fields["municipality"].widget.attrs["class"] = "form-select"
        self.fields["share"].widget.attrs.update({"class": "form-control", "placeholder": "0,00"})
        self.fields["municipality"].error_messages["invalid_choice"] = _(
            "Choose a municipality of the region of %(lead)s that does not take part yet."
        ) % {"lead": dossier.municipality}


class ShareForm(forms.Form):
    """Changes a participant's share."""

    share = AmountField(
        label=_("Share excl. VAT (€)"),
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=AmountInput(attrs={"class": "form-control form-control-sm text-end"}),
    )
