"""Forms of the organisation settings: units, invitations, roles, and accepting an invitation."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from seuranta.organizations.units import TreeRow, subtree_ids
from seuranta.plans.models import Membership, OrganizationUnit

ROLE_HELP = _(
    "Administrator: units and people. Coordinator: plans, imports and reporting rounds. "
    "Responsible person: reports on the actions assigned to them. Viewer: reads the plans."
)


class UnitForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    parent = forms.TypedChoiceField(label=_("Belongs to"), required=False, coerce=int, empty_value=None)
    order = forms.IntegerField(
        label=_("Order among its siblings"),
        required=False,
        min_value=0,
        help_text=_("Smaller first; units with the same number go in alphabetical order."),
    )

    def __init__(
        self, *args, organization, rows: list[TreeRow], unit: OrganizationUnit | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.organization, self.unit = organization, unit
        excluded = subtree_ids(rows, unit.pk) if unit else set()
        self.fields["parent"].choices = [("", _("– top level (sector) –"))] + [
            (row.unit.pk, row.path)
            for row in rows
            if row.unit.pk not in excluded and row.unit.active or (unit and row.unit.pk == unit.parent_id)
        ]
        self.fields["parent"].error_messages["invalid_choice"] = _(
            "A unit cannot be placed under itself, under a unit below it, or under an inactive unit."
        )

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        others = OrganizationUnit.objects.filter(organization=self.organization, name__iexact=name)
        if self.unit:
            others = others.exclude(pk=self.unit.pk)
        if existing := others.first():
            raise forms.ValidationError(
                _(
                    "The organisation already has a unit called “%(name)s”. Choose another "
                    "name, for example with the sector's name added."
                ),
                params={"name": existing.name},
            )
        return name


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(
        label=_("Role"),
        choices=Membership.Role.choices,
        initial=Membership.Role.RESPONSIBLE,
        help_text=ROLE_HELP,
    )

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        member = Membership.objects.filter(organization=self.organization, user__email__iexact=email).first()
        if member and member.active:
            raise forms.ValidationError(
                _("%(email)s is already a member of the organisation."), params={"email": email}
            )
        if member:
            raise forms.ValidationError(
                _("%(email)s is a former member: restore their access from the list of people instead."),
                params={"email": email},
            )
        return email


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(
        label=_("First name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    password1 = forms.CharField(
        label=_("Password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "new-password"})
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        """`user`: the account being set up (unsaved for a new person), for the password checks."""
        super().__init__(*args, **kwargs)
        self.user = user
        # Built per request, so the validators' rules are in the reader's language.
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()

    def clean(self):
        data = super().clean()
        one, two = data.get("password1"), data.get("password2")
        if one and two and one != two:
            self.add_error("password2", _("The two passwords differ. Type the same password twice."))
        elif one:
            self.user.first_name = data.get("first_name", "")
            self.user.last_name = data.get("last_name", "")
            try:
                password_validation.validate_password(one, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the token"),
        max_length=100,
        help_text=_(
            "What uses it, e.g. “HR system, nightly sick-leave days”. It is shown in the change history."
        ),
    )
