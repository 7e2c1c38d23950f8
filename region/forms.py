from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import form_helper
from core.idempotency import OnceTokenMixin
from core.pickers import use_picker
from pilots.approval.forms import OPEN_DOSSIERS
from procurement.models import Dossier
from procurement.selection.models import SelectionRound


class PublishForm(OnceTokenMixin, forms.Form):
    """The optional parts of a publication; what is always shared is on the preview."""

    share_lessons = forms.BooleanField(label=_("Share the lessons learned"), required=False)
    share_factors = forms.BooleanField(
        label=_("Share the success factors and pitfalls"), required=False
    )
    share_report = forms.BooleanField(
        label=_("Share the official evaluation report (PDF)"), required=False
    )

    def __init__(self, *args, report_available: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not report_available:
            del self.fields["share_report"]
        self.helper = form_helper(form_tag=False)


class CompareForm(forms.Form):
    a = forms.TypedChoiceField(label=_("Case A"), coerce=int)
    b = forms.TypedChoiceField(label=_("Case B"), coerce=int)

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("a", "b"):
            self.fields[name].choices = [("", "—"), *choices]
        self.helper = form_helper(submit=_("Compare"), submit_name="")
        self.helper.form_method = "get"

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("a") is not None and cleaned.get("a") == cleaned.get("b"):
            raise forms.ValidationError(_("Choose two different cases."))
        return cleaned


class CopyForm(OnceTokenMixin, forms.Form):
    """A programme of one's own from a case: which of one's own dossiers it pilots, and the
    open round (if any) whose criteria the case's replace."""

    title = forms.CharField(label=_("Title of the new programme"), max_length=200)
    dossier = forms.ModelChoiceField(
        label=_("Dossier of your own to pilot"),
        queryset=Dossier.objects.none(),
        help_text=_("The case's evaluation points, strategies and phase plan go to this pilot."),
    )
    selection_round = forms.ModelChoiceField(
        label=_("Open selection round for the criteria"),
        queryset=SelectionRound.objects.none(),
        required=False,
        empty_label=_("Do not copy the criteria"),
        help_text=_("The case's selection criteria replace this round's criteria."),
    )

    def __init__(self, *args, has_criteria: bool, **kwargs):
        super().__init__(*args, **kwargs)
        use_picker(self.fields["dossier"], OPEN_DOSSIERS)
        if has_criteria:
            self.fields["selection_round"].queryset = SelectionRound.objects.filter(
                status=SelectionRound.Status.OPEN
            ).order_by("-created_at")
        else:
            del self.fields["selection_round"]
        self.helper = form_helper(submit=_("Create the draft programme"))
