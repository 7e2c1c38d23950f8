"""The shared form pieces: the date picker and the crispy helper."""

import datetime

from crispy_forms.layout import Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.utils import translation

from core.forms import DateInput, form_helper


class MeetingForm(forms.Form):
    held_on = forms.DateField(widget=DateInput())
    title = forms.CharField()


def test_the_date_picker_gets_an_iso_date_in_any_language():
    with translation.override("nl"):
        html = DateInput().render("held_on", datetime.date(2026, 3, 9))
    assert 'type="date"' in html
    assert 'value="2026-03-09"' in html


def test_the_date_picker_keeps_what_was_typed_when_the_form_comes_back():
    form = MeetingForm(data={"held_on": "2026-02-31", "title": "x"})
    assert 'value="2026-02-31"' in str(form["held_on"])


def test_the_helper_ends_in_the_forms_own_button():
    helper = form_helper(submit="Bewaar het overleg", submit_name="save-meeting")
    form = MeetingForm()
    form.helper = helper
    html = render_crispy_form(form)
    assert "<form" in html
    assert 'name="save-meeting"' in html
    assert 'value="Bewaar het overleg"' in html


def test_the_helper_lays_out_the_fields_in_the_given_order():
    form = MeetingForm()
    form.helper = form_helper("title", "held_on")
    assert isinstance(form.helper.layout, Layout)
    html = render_crispy_form(form)
    assert html.index('name="title"') < html.index('name="held_on"')


def test_without_a_form_tag_the_page_writes_the_form_itself():
    form = MeetingForm()
    form.helper = form_helper(form_tag=False)
    html = render_crispy_form(form)
    assert "<form" not in html
    assert 'type="submit"' not in html
