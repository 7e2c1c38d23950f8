from crispy_forms.layout import Div
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, form_helper
from core.idempotency import OnceTokenMixin
from core.pickers import Picker, register, use_picker

from . import permissions
from .models import (
    ActionItem,
    Concern,
    Consultation,
    Involvement,
    Organisation,
    Person,
    SupportAssessment,
)


def living_people():
    return Person.objects.filter(erased_at__isnull=True).select_related(
        "department", "organisation"
    )


def person_label(person) -> str:
    """The name, and where someone works: two people may share a name."""
    place = person.department or person.organisation
    return f"{person.full_name} ({place})" if place else person.full_name


# The people and organisations that a stakeholder form may name.
PEOPLE = register(
    Picker(
        "people",
        queryset=living_people,
        search_fields=("full_name", "email", "department__name", "organisation__name"),
        may_use=permissions.can_manage_stakeholders,
        label=person_label,
        placeholder=_("Type a name"),
    )
)
ORGANISATIONS = register(
    Picker(
        "organisations",
        queryset=lambda: Organisation.objects.order_by("name"),
        search_fields=("name",),
        may_use=permissions.can_manage_stakeholders,
        placeholder=_("Type a name"),
    )
)


class PersonForm(OnceTokenMixin, forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "full_name",
            "job_title",
            "department",
            "organisation",
            "email",
            "phone",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, sensitive: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not sensitive:
            del self.fields["notes"]
        self.helper = form_helper(
            "full_name",
            "job_title",
            Div(
                Div("department", css_class="col-md-6"),
                Div("organisation", css_class="col-md-6"),
                css_class="row",
            ),
            Div(
                Div("email", css_class="col-md-6"),
                Div("phone", css_class="col-md-6"),
                css_class="row",
            ),
            *(["notes"] if sensitive else []),
            submit=_("Save"),
        )

    def clean(self):
        data = super().clean()
        if data.get("department") and data.get("organisation"):
            raise forms.ValidationError(
                _("Someone works either in a department of the city or for an organisation.")
            )
        return data


class OrganisationForm(OnceTokenMixin, forms.ModelForm):
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Organisation
        fields = ["name", "kind", "description", "email", "phone", "website", "address"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Save"))


class InvolvementForm(OnceTokenMixin, forms.ModelForm):
    class Meta:
        model = Involvement
        fields = ["person", "organisation", "role", "influence", "interest"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["person"], PEOPLE)
        use_picker(self.fields["organisation"], ORGANISATIONS)
        for name in ("influence", "interest"):
            self.fields[name].widget.attrs.update({"min": 1, "max": 5})
        self.fields["influence"].help_text = _("1 = hardly any, 5 = decisive.")
        self.fields["interest"].help_text = _("1 = hardly concerned, 5 = very concerned.")
        if self.instance.pk:
            del self.fields["person"]
            del self.fields["organisation"]
        self.helper = form_helper(submit=_("Save"))

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            return data
        if bool(data.get("person")) == bool(data.get("organisation")):
            raise forms.ValidationError(_("Choose either a person or an organisation."))
        return data


class SupportAssessmentForm(OnceTokenMixin, forms.ModelForm):
    class Meta:
        model = SupportAssessment
        fields = ["assessed_on", "level", "note"]
        widgets = {"assessed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["level"].widget = forms.RadioSelect(choices=self.fields["level"].choices[1:])
        self.helper = form_helper(submit=_("Record support"))


class ConcernForm(OnceTokenMixin, forms.ModelForm):
    class Meta:
        model = Concern
        fields = [
            "involvement",
            "category",
            "description",
            "raised_on",
            "mitigation",
            "owner",
            "due_on",
            "status",
        ]
        widgets = {
            "raised_on": DateInput(),
            "due_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
            "mitigation": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "description": _(
                "Everyone who may see the subject reads the concern, also in the MAT "
                "briefing; only procurement and the strategic cell see who raised it. "
                "Describe what is feared without naming who fears it."
            ),
        }

    def __init__(self, *args, involvements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["involvement"].queryset = involvements
        self.fields["involvement"].label_from_instance = lambda i: str(i.stakeholder)
        use_picker(self.fields["owner"], PEOPLE)
        if self.instance.pk:
            del self.fields["involvement"]
        self.helper = form_helper(submit=_("Save"))


class ConsultationForm(OnceTokenMixin, forms.ModelForm):
    class Meta:
        model = Consultation
        fields = ["held_on", "title", "participants", "organisations", "minutes"]
        widgets = {
            "held_on": DateInput(),
            "minutes": forms.Textarea(attrs={"rows": 8}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["participants"], PEOPLE)
        use_picker(self.fields["organisations"], ORGANISATIONS)
        self.helper = form_helper(submit=_("Save"))


class DecisionForm(OnceTokenMixin, forms.Form):
    text = forms.CharField(
        label=_("Decision"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(submit=_("Add decision"))


class ActionItemForm(OnceTokenMixin, forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["description", "owner", "due_on"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["owner"], PEOPLE)
        self.helper = form_helper(submit=_("Add action item"))
