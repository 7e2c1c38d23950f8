"""Every form: an error summary at its top with a link to each field in error, and text over
a field's limit refused with a message, never cut by the browser."""

import re

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse

from pilots.approval.forms import ProgrammeForm
from pilots.models import Programme
from tests.factories import DossierFactory

pytestmark = pytest.mark.django_db


def _programme_post(**overrides):
    data = {
        "title": "Circulair schoonmaken",
        "purpose": "Leren.",
        "context": "Waarom circulair.",
        "budget": "15000",
        "funding_channel": "Budget Gebouwen",
        "start_date": "2026-09-01",
        "risks": "",
        "agreements": "",
        "dossiers": [DossierFactory().pk],
    }
    data.update(overrides)
    return data


def _summary(html: str) -> str:
    found = re.findall(r'<div class="alert alert-danger error-summary".*?</div>', html, re.S)
    assert len(found) == 1, f"{len(found)} error summaries"
    return found[0]


def test_5001_characters_are_refused_with_a_message_and_nothing_typed_is_lost(client_for):
    typed = "Circulair. " * 454 + "abcdefg"  # 5,001 characters
    assert len(typed) == 5001
    response = client_for("officer").post(
        reverse("pilots:programme_create"), _programme_post(purpose=typed)
    )
    assert response.status_code == 200
    assert not Programme.objects.exists()
    html = response.content.decode()
    summary = _summary(html)
    assert 'href="#id_purpose"' in summary
    assert "niet meer dan 5000 tekens" in summary
    assert "het zijn er nu 5001" in summary
    textarea = re.search(r'<textarea name="purpose"[^>]*>(.*?)</textarea>', html, re.S)
    assert textarea.group(1).strip() == typed.strip()
    assert 'data-maxlength="5000"' in textarea.group(0)


def test_no_field_lets_the_browser_cut_what_is_typed(client_for):
    html = client_for("officer").get(reverse("pilots:programme_create")).content.decode()
    assert not re.search(r"\smaxlength=", html)
    assert html.count("data-maxlength=") >= 6
    assert "js/forms.js" in html


def test_the_summary_lists_each_error_with_a_link_and_shows_once(client_for):
    response = client_for("officer").post(
        reverse("pilots:programme_create"), _programme_post(title="", budget="-5")
    )
    summary = _summary(response.content.decode())
    assert 'id="error-summary-title"' in summary
    assert 'href="#id_title"' in summary
    assert 'href="#id_budget"' in summary
    assert 'tabindex="-1"' in summary


def test_a_crispy_form_without_its_own_summary_gets_one(client_for):
    response = client_for("officer").post(
        reverse("stakeholders:person_create"), {"email": "geen adres"}
    )
    summary = _summary(response.content.decode())
    assert 'href="#id_full_name"' in summary
    assert 'href="#id_email"' in summary


class _Choices(forms.Form):
    outcome = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    note = forms.CharField()

    def clean(self):
        raise forms.ValidationError("Het geheel klopt niet.")


def test_the_link_of_a_radio_group_leads_to_its_first_button_and_a_form_error_has_none():
    form = _Choices(data={})
    html = Template("{% load draagvlak %}{% error_summary form %}{% error_summary form %}").render(
        Context({"form": form})
    )
    assert html.count('class="alert alert-danger error-summary"') == 1
    assert 'href="#id_outcome_0"' in html
    assert 'href="#id_note"' in html
    assert "<li>Het geheel klopt niet.</li>" in html


def test_an_unbound_form_shows_no_summary():
    html = Template("{% load draagvlak %}{% error_summary form %}").render(
        Context({"form": ProgrammeForm()})
    )
    assert "error-summary" not in html
