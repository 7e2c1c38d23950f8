import datetime
import uuid

from crispy_forms.layout import Div, Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput, form_helper
from core.idempotency import OnceTokenMixin

from . import rules


class InvitationForm(OnceTokenMixin, forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        help_text=_(
            "An account with this address is invited as it is; otherwise a new account is made "
            "and the advisor chooses a password through the link in the e-mail."
        ),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("For a new account: first and last name."),
    )
    ends_on = forms.DateField(
        label=_("Until"),
        widget=DateInput(),
        help_text=_("The last day the advisor can read the programme; at most a year from today."),
    )
    note = forms.CharField(
        label=_("Note to the advisor"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What you would like advice on. The advisor reads it in the e-mail."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["ends_on"].widget.attrs.update(
            {
                "min": today.isoformat(),
                "max": (today + datetime.timedelta(days=rules.MAX_INVITATION_DAYS)).isoformat(),
            }
        )
        if not self.is_bound:
            self.initial.setdefault("ends_on", today + datetime.timedelta(days=90))
        self.helper = form_helper(
            Div(
                Div("email", css_class="col-md-6"),
                Div("name", css_class="col-md-6"),
                Div("ends_on", css_class="col-md-6"),
                css_class="row",
            ),
            "note",
            Submit("save", _("Invite")),
        )

    def clean_ends_on(self):
        ends_on = self.cleaned_data["ends_on"]
        refusal = rules.ends_on_refusal(ends_on=ends_on, today=timezone.localdate())
        if refusal:
            raise forms.ValidationError(refusal)
        return ends_on


class CommentForm(forms.Form):
    """A comment or a reply. Its token is fixed when the form is shown, so that sending the
    same form twice makes one comment."""

    text = forms.CharField(
        label=_("Comment"),
        max_length=rules.COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    client_token = forms.UUIDField(widget=forms.HiddenInput())

    def __init__(self, *args, submit=None, form_tag: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("client_token", uuid.uuid4())
        self.fields["text"].widget.attrs["maxlength"] = rules.COMMENT_MAX_LENGTH
        self.helper = form_helper(
            "text", "client_token", Submit("save", submit or _("Add comment")), form_tag=form_tag
        )
