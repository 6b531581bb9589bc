"""The shape every edit page shares (plans, nodes, units in the organisation settings...).

A form carries the version of the row it was loaded with; saving goes through
`seuranta.plans.saving.save_with_version`. When someone else saved first, the
save raises `Conflict` and writes nothing; `edit_form` then shows the person
their own input beside the values now stored, so nothing is lost.

Here, in the helpers every app may use, rather than in `web`: `web` imports the apps whose pages use it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.forms.models import model_to_dict
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from seuranta.common.views import posted_version

EMPTY: tuple = ("", None, [])


class Conflict(Exception):
    """The row is no longer at the version the form was loaded with; nothing was written.

    `current` is the row as stored now, or None when it has been deleted meanwhile (or not read).
    """

    def __init__(self, current=None):
        super().__init__("conflict")
        self.current = current


def conflict_message() -> str:
    return _(
        "Someone else saved this while you were editing. Your input is kept below, with the values now "
        "saved shown beside each field. Check them and save again to keep yours."
    )


def changed_meanwhile(name: str) -> str:
    """A change made with one button on a list (a unit taken out of use, a member's role) met a `Conflict`."""
    return _(
        "Someone else changed “%(name)s” meanwhile, so your change was not saved. The list below shows what "
        "is saved now: make your change again if it is still needed."
    ) % {"name": name}


def conflicts(form, stored: dict, shown: dict[str, Callable] | None = None) -> dict:
    """Fields whose stored value now differs from what the person entered: name -> stored value as text.

    `shown` turns a stored value into its text where it is an id (a unit, people).
    """
    out = {}
    for name, value in stored.items():
        mine = form.cleaned_data.get(name)
        if mine == value or (mine in EMPTY and value in EMPTY):
            continue
        if shown and name in shown:
            out[name] = shown[name](value)
        else:
            out[name] = "\n".join(value) if isinstance(value, list) else ("–" if value in EMPTY else value)
    return out


def stored_in_form(form) -> Callable:
    """The stored values of a ModelForm's fields, for `edit_form(stored=...)`."""
    return lambda current: model_to_dict(current, fields=list(form.fields))


def edit_form(
    request,
    form,
    *,
    version: int,
    save: Callable,
    stored: Callable,
    done,
    template,
    context,
    shown=None,
    invalid_status: int = 200,
):
    """GET shows the form. A valid POST calls `save(cleaned_data, posted version)` and goes to `done`
    (a URL name and its arguments). `Conflict` shows `stored(current row)` beside the person's input
    (404 when the row was deleted meanwhile), through `shown` where a value is an id; an invalid form
    keeps the input (answered with `invalid_status`).
    """
    conflict, status = {}, 200
    if request.method == "POST":
        if form.is_valid():
            try:
                save(form.cleaned_data, posted_version(request))
            except Conflict as exc:
                if exc.current is None:
                    raise Http404 from exc
                version, conflict = exc.current.version, conflicts(form, stored(exc.current), shown)
                messages.error(request, conflict_message())
            else:
                messages.success(request, _("Saved."))
                return redirect(*done)
        else:
            version, status = posted_version(request) or version, invalid_status
            messages.error(request, _("Some fields need fixing. Your input is kept below."))
    context = {**context, "form": form, "version": version, "conflicts": conflict}
    return render(request, template, context, status=status)
