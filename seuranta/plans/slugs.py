"""Addresses of organisations on the public site (`/o/<slug>/`)."""

from __future__ import annotations


def unique_slug(name: str, others) -> str:
    """A slug from the name (ä → a), with -2, -3... when another organisation has it already."""
    from django.utils.text import slugify

    base = slugify(name.translate(str.maketrans("äöåÄÖÅ", "aoaAOA")))[:70] or "organisaatio"
    slug, n = base, 1
    while others.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
