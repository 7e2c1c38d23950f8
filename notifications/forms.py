from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import rules
from .models import Delivery, Kind


class PreferencesForm(forms.Form):
    """The language of the user's mails and a delivery per kind they may choose for; the kinds
    that always go at once (rules.ALWAYS_IMMEDIATE) get no field, so they cannot be changed."""

    language = forms.ChoiceField(label=_("Language of your mails"), choices=settings.LANGUAGES)

    def __init__(self, *args, deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in rules.choosable_kinds():
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=rules.delivery_for(kind, deliveries.get(kind)),
                widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
            )

    @property
    def always_immediate(self) -> list[Kind]:
        return [kind for kind in Kind if not rules.may_choose(kind)]

    def delivery_fields(self):
        return [self[kind.value] for kind in rules.choosable_kinds()]

    def deliveries(self) -> dict[str, str]:
        return {kind.value: self.cleaned_data[kind.value] for kind in rules.choosable_kinds()}
