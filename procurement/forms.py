from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Fieldset, Layout, Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from stakeholders.models import Person

from . import permissions
from .models import CircularStrategy, Dossier


class DateInput(forms.DateInput):
    """The browser's own date picker; it shows dd/mm/jjjj to a Belgian user."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DossierForm(forms.ModelForm):
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
            "notes",
        ]
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
        self.fields["owner"].queryset = Person.objects.filter(user__isnull=False)
        self.fields["procedure"].help_text = _("Leave empty to follow the suggested procedure.")
        self.fields["estimated_value"].widget.attrs.update({"min": "0", "step": "0.01"})
        self.fields["cpv_code"].widget.attrs["placeholder"] = "39130000-2"
        suggestion_inputs = (
            "[name=subject_type],[name=estimated_value],[name=planned_publication_date]"
        )
        for name in ("subject_type", "estimated_value", "planned_publication_date"):
            self.fields[name].widget.attrs.update(
                {
                    "hx-get": reverse("procurement:procedure_suggestion"),
                    "hx-trigger": "change",
                    "hx-target": "#procedure-suggestion",
                    "hx-include": suggestion_inputs,
                }
            )
        self.helper = FormHelper()
        self.helper.layout = Layout(
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
                    '{% include "procurement/_procedure_suggestion.html" %}</div>'
                ),
                "procedure",
                Div(
                    Div("planned_publication_date", css_class="col-md-6"),
                    Div("required_award_date", css_class="col-md-6"),
                    css_class="row",
                ),
                "status",
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
            Fieldset(_("Notes"), "notes"),
            Submit("save", _("Save")),
        )

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("circular_strategies", None)
        return data
