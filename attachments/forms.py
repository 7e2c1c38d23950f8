from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.idempotency import OnceTokenMixin

from . import services
from .content import EXTENSIONS


class AttachmentForm(OnceTokenMixin, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, an image (PNG, JPEG), an office document or text."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{extension}" for extension in EXTENSIONS)}
        ),
    )
    in_annexes = forms.BooleanField(
        label=_("Include in the document's annexes"),
        required=False,
        help_text=_("Listed by name in the annexes of the MAT briefing and the evaluation report."),
    )

    def __init__(self, *args, annexable: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not annexable:
            del self.fields["in_annexes"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            services.upload_check(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
        return upload
