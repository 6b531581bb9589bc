"""Forms of the public site and of its settings pages."""

from __future__ import annotations

import io

from django import forms
from django.utils.translation import gettext_lazy as _

from seuranta.public.contrast import HEX, MINIMUM, contrast_with_white
from seuranta.public.models import Feedback, PublicSite

LOGO_MAX_BYTES = 512 * 1024
LOGO_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}


class FeedbackForm(forms.ModelForm):
    class Meta:
        model = Feedback
        fields = ["message", "email"]
        labels = {"message": _("Your feedback"), "email": _("Your e-mail (optional, for a reply)")}
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Your e-mail"))


class BrandingForm(forms.ModelForm):
    logo_file = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, at most 512 kB."),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = PublicSite
        fields = ["display_name", "accent"]
        help_texts = {
            "accent": _("A colour as #rrggbb; it must have a contrast of at least 4.5:1 against white."),
            "display_name": _("Leave empty to use the organisation's name."),
        }

    def clean_accent(self) -> str:
        color = (self.cleaned_data.get("accent") or "").strip()
        if not HEX.match(color):
            raise forms.ValidationError(_("Write the colour as #rrggbb, for example #16325c."))
        ratio = contrast_with_white(color)
        if ratio < MINIMUM:
            raise forms.ValidationError(
                _(
                    "The colour's contrast against white is %(ratio).2f:1; at least 4.5:1 is needed so that text "
                    "in this colour can be read. Choose a darker colour."
                )
                % {"ratio": ratio}
            )
        return color.lower()

    def clean_logo_file(self):
        upload = self.cleaned_data.get("logo_file")
        if not upload:
            return None
        if upload.size > LOGO_MAX_BYTES:
            raise forms.ValidationError(_("The logo is too large: at most 512 kB."))
        data = upload.read()
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(io.BytesIO(data)) as image:
                kind = image.format
                image.verify()
        except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
            raise forms.ValidationError(
                _("The file is not an image that can be shown: use PNG, JPEG, GIF or WebP.")
            ) from error
        if kind not in LOGO_FORMATS:
            raise forms.ValidationError(
                _("The file is not an image that can be shown: use PNG, JPEG, GIF or WebP.")
            )
        return data, LOGO_FORMATS[kind]


class StatementForm(forms.ModelForm):
    class Meta:
        model = PublicSite
        fields = ["compliance", "nonconformities", "statement_date", "feedback_email", "supervisor"]
        widgets = {
            "compliance": forms.RadioSelect,
            "nonconformities": forms.Textarea(attrs={"rows": 6}),
            "supervisor": forms.Textarea(attrs={"rows": 5}),
            "statement_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "nonconformities": _("One per line: what does not yet meet the requirements, and why."),
            "supervisor": _(
                "Leave empty for the default: the Finnish Transport and Communications Agency Traficom."
            ),
        }
