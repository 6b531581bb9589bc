"""The accessibility statement's default texts (Act on the Provision of Digital Services 306/2019, §15-16)."""

from __future__ import annotations

from django.utils.translation import gettext as _


def default_supervisor() -> str:
    return _(
        "Finnish Transport and Communications Agency Traficom, Digital accessibility supervision unit\n"
        "www.saavutettavuusvaatimukset.fi\n"
        "saavutettavuus@traficom.fi\n"
        "telephone (switchboard) 029 534 5000"
    )


def default_nonconformities() -> list[str]:
    return [
        _("Documents uploaded by the organisation (such as imported plans) may not be accessible."),
        _(
            "Charts have a data table beside them; the charts themselves cannot be read by every assistive device."
        ),
    ]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]
