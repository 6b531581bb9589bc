"""Layouts taught in review: the organisation's profile, corrections logged, the draft read again.

A reviewer's "apply to all like this" becomes a rule of the organisation's profile
(`seuranta.core.parsing.profile.Profile`): a label or column header means a role, a
heading style means units or a level, a level name means the organisation's own. The
draft's stored document is then read again with the profile, and what changed is kept on
the draft for the review page. Every correction is logged (`ImportCorrection`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction

from seuranta.core.parsing import ImportWarning, Profile
from seuranta.core.parsing.profile import FIELD_ROLES
from seuranta.core.parsing.tables import columns
from seuranta.importing.bounded import parse_bounded
from seuranta.importing.models import ImportCorrection, ImportDraft, ImportProfile
from seuranta.importing.review import anchored_warnings
from seuranta.importing.source import link_items, plan_changes, walk_nodes

# Roles a reviewer can give a line; "node" needs a level name.
LINE_ROLES = ("node", *FIELD_ROLES, "unit", "ignore")
MAX_HISTORY = 100
STYLE_ROLE_OF = {"unit": "unit", "ignore": "ignore", "description": "text"}


class TeachingRefused(ValueError):
    """The correction cannot be applied as asked; the message says why, in the user's words."""


def organization_profile(organization) -> Profile:
    stored = ImportProfile.objects.filter(organization=organization).values_list("data", flat=True).first()
    return Profile.from_dict(stored)


def trace_entry(draft: ImportDraft, source: int) -> dict | None:
    return next((entry for entry in draft.trace or [] if entry.get("source") == source), None)


def table_columns(entry: dict, profile: Profile) -> list[dict]:
    """The header cells of a table line with the role each column gets now."""
    rows = entry.get("rows") or []
    header = next((row for row in rows[:3] if columns(row, profile)), rows[0] if rows else [])
    roles = {column.index: column.role for column in columns(header, profile)}
    return [
        {"index": i, "text": cell, "role": roles.get(i, "ignore")} for i, cell in enumerate(header) if cell
    ]


def profile_role(role: str, level: str, scope: str) -> str:
    """The profile's value for a line role taught by label or column ("level:Toimenpide",
    "actual") or by heading style ("unit", "text", "level:Toimenpide")."""
    if role == "node":
        if not level.strip():
            raise TeachingRefused("level")
        return f"level:{level.strip()[:100]}"
    if scope == "style":
        if role not in STYLE_ROLE_OF:
            raise TeachingRefused("style_role")
        return STYLE_ROLE_OF[role]
    if role not in (*FIELD_ROLES, "ignore"):
        raise TeachingRefused("label_role")
    return role


def _save_profile(organization, user, change) -> ImportProfile:
    stored, _ = ImportProfile.objects.select_for_update().get_or_create(organization=organization)
    profile = Profile.from_dict(stored.data)
    change(profile)
    if stored.version:
        stored.history = [
            *stored.history,
            {
                "version": stored.version,
                "data": stored.data,
                "by": stored.updated_by_id,
                "at": stored.updated_at.isoformat(),
            },
        ][-MAX_HISTORY:]
    stored.data, stored.version, stored.updated_by = profile.to_dict(), stored.version + 1, user
    stored.save()
    return stored


def reread(draft: ImportDraft) -> None:
    """Parse the draft's document again with its organisation's profile, within the import limits,
    and note what changed."""
    if not draft.source:
        raise TeachingRefused("no_source")
    outcome = parse_bounded(
        bytes(draft.source),
        draft.file_name,
        timeout=settings.SEURANTA_IMPORT_TIMEOUT,
        memory_mb=settings.SEURANTA_IMPORT_MEMORY_MB,
        profile=organization_profile(draft.organization).to_dict(),
    )
    if outcome.limit or outcome.problem:
        raise TeachingRefused("no_source")
    plan = outcome.plan if outcome.plan is not None else {**draft.plan, "nodes": []}
    warnings = [
        ImportWarning(w["code"], w["message"], tuple(w["path"]), w["indicator"], w["field"])
        for w in outcome.warnings
    ]
    draft.changes = plan_changes(draft.plan, plan)
    draft.plan, draft.family = plan, outcome.family or ""
    draft.warnings = anchored_warnings(plan, warnings)
    draft.trace = outcome.trace
    draft.version += 1
    draft.save()


def rule_ids(entry: dict | None, rule: str) -> list[str]:
    """All rules behind a prediction, the deciding one first; older traces name only that one."""
    ids = [str(r) for r in (entry or {}).get("rules") or [] if r]
    deciding = rule or (entry or {}).get("rule", "")
    if deciding and deciding not in ids:
        ids.insert(0, deciding)
    return ids


def log(
    draft: ImportDraft,
    user,
    *,
    entry: dict | None,
    corrected: str,
    applied: bool,
    key: str = "",
    predicted: str = "",
    rule: str = "",
    version: int | None = None,
) -> ImportCorrection:
    return ImportCorrection.objects.create(
        organization=draft.organization,
        document_sha256=draft.source_sha256,
        file_name=draft.file_name,
        source_index=entry.get("source") if entry else None,
        source_text=(entry or {}).get("text", "")[:5000],
        predicted_role=predicted or (entry or {}).get("role", ""),
        rule=rule or (entry or {}).get("rule", ""),
        rule_ids=rule_ids(entry, rule),
        corrected_role=corrected,
        applied_to_all=applied,
        key=key[:200],
        profile_version=version,
        created_by=user,
    )


def teach_line(
    draft: ImportDraft, user, entry: dict, *, role: str, level: str, scope: str, column: int | None = None
) -> None:
    """Apply a reviewer's role for a source line to all like it: its label, heading style or (for a
    table) one column's header. Raises TeachingRefused when the role does not fit the scope."""
    if scope == "column":
        cells = {c["index"]: c for c in table_columns(entry, organization_profile(draft.organization))}
        if column not in cells:
            raise TeachingRefused("column")
        key, predicted = cells[column]["text"], cells[column]["role"]
        rule = f"column:{predicted}"
    elif scope == "label" and entry.get("label"):
        key, predicted, rule = entry["label"], entry.get("role", ""), entry.get("rule", "")
    elif scope == "style" and entry.get("style"):
        key, predicted, rule = entry["style"], entry.get("role", ""), entry.get("rule", "")
    else:
        raise TeachingRefused("scope")
    value = profile_role(role, level, "style" if scope == "style" else "label")
    with transaction.atomic():
        teach = (
            (lambda p: p.teach_style(key, value))
            if scope == "style"
            else (lambda p: p.teach_label(key, value))
        )
        stored = _save_profile(draft.organization, user, teach)
        log(
            draft,
            user,
            entry=entry,
            corrected=value,
            applied=True,
            key=f"{scope}:{key}",
            predicted=predicted,
            rule=rule,
            version=stored.version,
        )
        reread(draft)


def teach_levels(draft: ImportDraft, user, renames: dict[str, str], *, remember: bool) -> None:
    """Rename levels: in this draft, or (remember) as the organisation's rule, reading it again."""
    renames = {old: new.strip()[:100] for old, new in renames.items() if new.strip() and new.strip() != old}
    if not renames:
        return
    with transaction.atomic():
        version = None
        if remember:

            def teach(profile: Profile) -> None:
                for old, new in renames.items():
                    profile.teach_level(old, new)

            version = _save_profile(draft.organization, user, teach).version
        for old, new in renames.items():
            log(
                draft,
                user,
                entry=None,
                corrected=f"level:{new}",
                applied=remember,
                key=f"level:{old}",
                predicted=f"level:{old}",
                rule=f"level:{old}",
                version=version,
            )
        if remember and draft.source:
            reread(draft)
        else:
            _rename_levels(draft, renames)


def _rename_levels(draft: ImportDraft, renames: dict[str, str]) -> None:
    for _, node in walk_nodes(draft.plan.get("nodes") or []):
        node["level"] = renames.get(node.get("level") or "", node.get("level"))
    draft.plan["levels"] = list(dict.fromkeys(renames.get(lv, lv) for lv in draft.plan.get("levels") or []))
    draft.changes = [{"kind": "level_renamed", "title": old, "detail": new} for old, new in renames.items()]
    draft.version += 1
    draft.save()


def forget_rule(organization, user, kind: str, key: str) -> bool:
    """Remove one taught rule from the organisation's profile; False when it was not there."""
    removed = []

    def forget(profile: Profile) -> None:
        table = {"label": profile.labels, "level": profile.levels, "style": profile.styles}.get(kind)
        if table is not None and key in table:
            removed.append(table.pop(key))

    with transaction.atomic():
        _save_profile(organization, user, forget)
    return bool(removed)


def log_review_edits(draft: ImportDraft, before: dict, user) -> None:
    """Log the level and title corrections made in the review form, with the line each item came
    from and the rule that read it, so the log shows which rules fail most."""
    sources, _ = link_items(before, draft.trace or [])
    by_source = {entry.get("source"): entry for entry in draft.trace or []}
    old_nodes = dict(walk_nodes(before.get("nodes") or []))
    corrections = []
    for address, node in walk_nodes(draft.plan.get("nodes") or []):
        old = old_nodes.get(address)
        if old is None:
            continue
        entry = by_source.get(sources.get(address))
        for field_name, prefix in (("level", "level:"), ("title", "title:")):
            if (old.get(field_name) or "") != (node.get(field_name) or ""):
                corrections.append(
                    ImportCorrection(
                        organization=draft.organization,
                        document_sha256=draft.source_sha256,
                        file_name=draft.file_name,
                        source_index=entry.get("source") if entry else None,
                        source_text=(entry or {}).get("text", "")[:5000],
                        predicted_role=f"{prefix}{old.get(field_name) or ''}"[:120],
                        rule=(entry or {}).get("rule", "")[:200],
                        rule_ids=rule_ids(entry, ""),
                        corrected_role=f"{prefix}{node.get(field_name) or ''}"[:120],
                        applied_to_all=False,
                        key=f"item:{address}",
                        created_by=user,
                    )
                )
    ImportCorrection.objects.bulk_create(corrections)
