"""Importing a document as the translation of a plan already in Seuranta.

The import review offers "This is a translation of an existing plan": the coordinator picks the
plan and the document's language, `seuranta.core.structure_match` pairs the document's nodes
with the plan's by structure, and the translation page shows each pair side by side. The
coordinator corrects or skips pairs (a correction is a *pin* the matcher keeps) and confirms;
`write_translation` then stores the document's texts in the `translations` of the matched
objects, in that language, and nothing else of the plan. Items of the document left without a
pair are listed on the page and not stored.

Each write is recorded in the change history (one record per object, and one on the plan through
`plans.saving.record`, which moves the plan's content version so cached pages are read again).
The page carries the plan's content stamp (`Plan.updated_at`, moved by every recorded write); a
plan changed after the page was shown is not written to (`Conflict`): the page is shown again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F

from seuranta.core import model as core
from seuranta.core.structure_match import ItemMatch, NodeMatch, addresses, match_translation
from seuranta.core.translations import CONTENT_LANGS
from seuranta.plans.access import managed_organizations
from seuranta.plans.models import ChangeRecord, Indicator, Milestone, Node, Plan, ProgressEntry
from seuranta.plans.saving import Conflict, change_record, record
from seuranta.plans.storage import load_core_plan
from seuranta.plans.translations import with_texts

# The kinds of a node's items that have texts, the core list each is in, and its texts.
ITEM_KINDS = ("indicators", "milestones", "progress")
ITEM_TEXTS = {"indicators": ("name", "description"), "milestones": ("title",), "progress": ("text",)}
# An option's title is cut to this many characters, so a select stays usable on a phone.
OPTION_CHARS = 90


def target_plans(user, draft) -> Any:
    """The plans a draft may be imported as a translation of: those of the draft's organisation,
    if the user coordinates or administers it, that are not archived."""
    if not managed_organizations(user).filter(pk=draft.organization_id).exists():
        return Plan.objects.none()
    return (
        Plan.objects.filter(organization_id=draft.organization_id)
        .exclude(state=Plan.State.ARCHIVED)
        .order_by("title", "pk")
    )


def other_languages(plan: Plan) -> list[str]:
    """The languages a plan can be translated into: all but its primary one, required ones first."""
    required = [lang for lang in plan.required_languages or [] if lang in CONTENT_LANGS]
    others = [lang for lang in CONTENT_LANGS if lang not in required]
    return [lang for lang in [*required, *others] if lang != plan.primary_language]


def item_text(item: Any) -> str:
    """What names an indicator (its name), a milestone (its title) or a progress text (its text)."""
    return getattr(item, "name", None) or getattr(item, "title", None) or item.text


@dataclass
class ItemRow:
    """An indicator, milestone or progress text of the document and its chosen counterpart."""

    name: str  # the form field
    parsed: Any  # core Indicator / Milestone / Progress
    existing: int | None  # index among the matched node's items of this kind
    confidence: float
    options: list[tuple[int, str]]  # (index, text) of the matched node's items of this kind

    @property
    def parsed_text(self) -> str:
        return item_text(self.parsed)


@dataclass
class NodeRow:
    """A node of the document, side by side with the plan's node it is matched to (or none)."""

    address: str
    depth: int
    parsed: core.Node
    existing: core.Node | None
    confidence: float
    pinned: bool
    items: dict[str, list[ItemRow]]
    replaces: str | None = None  # the title already stored in that language, when it differs
    options: list[tuple[int, str]] = field(default_factory=list)  # the plan's nodes at the same depth

    @property
    def percent(self) -> int:
        return round(self.confidence * 100)

    @property
    def existing_id(self) -> int | None:
        return self.existing.key if self.existing else None

    @property
    def certainty(self) -> str:
        """ "high", "medium" or "low", for the page's wording and its colour."""
        if self.pinned or self.confidence >= 0.85:
            return "high"
        return "medium" if self.confidence >= 0.65 else "low"

    @property
    def description_skipped(self) -> bool:
        """The document has a description where the plan has none: a translation of nothing."""
        return bool(self.parsed.description) and not (self.existing and self.existing.description)


@dataclass
class TranslationReview:
    plan: Plan
    lang: str
    existing: core.Plan
    parsed: core.Plan
    rows: list[NodeRow]
    unmatched_existing: list[tuple[str, core.Node]]
    level_names: list[str | None]
    stamp: str
    problems: list[str] = field(default_factory=list)
    # Whether the plan's own title and level names are stored too (the reviewer may leave them out).
    include_title: bool = True
    include_levels: bool = True

    @property
    def matched(self) -> list[NodeRow]:
        return [row for row in self.rows if row.existing is not None]

    @property
    def unmatched(self) -> list[NodeRow]:
        return [row for row in self.rows if row.existing is None]


def stamp_of(plan: Plan) -> str:
    return plan.updated_at.isoformat() if plan.updated_at else ""


def _outline(address: str) -> str:
    """ "0.1.2" -> "1.2.3", as a person numbers the plan's tree."""
    return ".".join(str(int(part) + 1) for part in address.split("."))


def _options(existing: core.Plan) -> dict[int, list[tuple[int, str]]]:
    options: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for address, node in addresses(existing.nodes).items():
        title = node.title if len(node.title) <= OPTION_CHARS else node.title[: OPTION_CHARS - 1] + "…"
        options[address.count(".")].append((node.key, f"{_outline(address)} {title}"))
    return options


def _item_rows(
    row_address: str, existing: core.Node | None, parsed: core.Node, match: NodeMatch, chosen: dict
) -> dict[str, list[ItemRow]]:
    rows: dict[str, list[ItemRow]] = {}
    for kind in ITEM_KINDS:
        existing_items = getattr(existing, kind) if existing else []
        options = [(i, item_text(item)) for i, item in enumerate(existing_items)]
        items: tuple[ItemMatch, ...] = getattr(match, kind)
        rows[kind] = []
        for item in items:
            name = f"{kind}-{row_address}-{item.parsed}"
            index = chosen.get(name, item.existing)
            confidence = item.confidence if index == item.existing else 1.0
            parsed_item = getattr(parsed, kind)[item.parsed]
            rows[kind].append(ItemRow(name, parsed_item, index, confidence, options))
    return rows


def build_review(
    plan: Plan,
    lang: str,
    parsed: core.Plan,
    pins_by_id: dict[str, int | None],
    chosen_items: dict,
    shown: dict[str, int | None] | None = None,
) -> TranslationReview:
    """The match of a parsed document against the plan, with the reviewer's pins (parsed address ->
    node id or None) and item choices (form name -> index or None). An item choice applies only
    where its node still has the counterpart the page showed (`shown`: parsed address -> node id)."""
    existing = load_core_plan(plan)
    by_id = {node.key: address for address, node in addresses(existing.nodes).items()}
    pins = {
        a: (by_id.get(i) if i is not None else None) for a, i in pins_by_id.items() if i is None or i in by_id
    }
    match = match_translation(existing, parsed, pins)
    existing_nodes, parsed_nodes = addresses(existing.nodes), addresses(parsed.nodes)
    options = _options(existing)
    rows = []
    for node_match in match.nodes:
        node = parsed_nodes[node_match.parsed]
        target = existing_nodes.get(node_match.existing) if node_match.existing else None
        stored = ((target.translations or {}).get(lang) or {}).get("title") if target else None
        rows.append(
            NodeRow(
                address=node_match.parsed,
                depth=node_match.parsed.count("."),
                parsed=node,
                existing=target,
                confidence=node_match.confidence,
                pinned=node_match.pinned,
                items=_item_rows(
                    node_match.parsed,
                    target,
                    node,
                    node_match,
                    chosen_items if target and (shown or {}).get(node_match.parsed) == target.key else {},
                ),
                replaces=stored if stored and stored != node.title else None,
                options=options[node_match.parsed.count(".")],
            )
        )
    return TranslationReview(
        plan=plan,
        lang=lang,
        existing=existing,
        parsed=parsed,
        rows=rows,
        unmatched_existing=[(_outline(a), existing_nodes[a]) for a in match.unmatched_existing],
        level_names=match.level_names,
        stamp=stamp_of(plan),
    )


def merged(translations: dict | None, lang: str, texts: dict[str, str | None]) -> dict:
    """Translations with `texts` (field -> text) set in `lang`; other languages and fields kept, and a
    text the document does not have leaves the stored one as it is."""
    given = {
        name: text.strip() if isinstance(text, str) else text
        for name, text in texts.items()
        if (isinstance(text, str) and text.strip()) or (isinstance(text, list) and any(text))
    }
    return with_texts(translations, lang, given)


def _node_texts(row: NodeRow) -> dict[str, str | None]:
    assert row.existing is not None
    texts: dict[str, str | None] = {"title": row.parsed.title}
    if row.existing.description:
        texts["description"] = row.parsed.description
    return texts


def _item_texts(kind: str, existing: Any, parsed: Any) -> dict[str, str | None]:
    texts = {}
    for name in ITEM_TEXTS[kind]:
        if name == "description" and not getattr(existing, name, None):
            continue  # no text in the primary language to be a translation of
        texts[name] = getattr(parsed, name, None)
    return texts


ITEM_MODELS: dict[str, Any] = {"indicators": Indicator, "milestones": Milestone, "progress": ProgressEntry}


def _stored_items(model, node_ids: list[int]) -> dict[int, list]:
    """The nodes' items of one kind in the order the core plan lists them (so an index is the same)."""
    items: dict[int, list] = defaultdict(list)
    for item in (
        model.objects.filter(node_id__in=node_ids).select_related("node").order_by("node_id", "order", "id")
    ):
        items[item.node_id].append(item)
    return items


def _translated(obj, texts: dict, lang: str, user, records: list[ChangeRecord]) -> bool:
    """Set obj's texts in `lang` (not saved) and note its history record; False when nothing changes."""
    before = obj.translations or {}
    after = merged(before, lang, texts)
    if after == before:
        return False
    records.append(change_record(obj, "changed", {"translations": [before, after]}, user))
    obj.translations = after
    obj.version += 1
    return True


def _write_nodes(review: TranslationReview, user, records: list[ChangeRecord]) -> int:
    rows = review.matched
    nodes = Node.objects.filter(plan_id=review.plan.pk).in_bulk([row.existing_id for row in rows])
    changed = [
        nodes[row.existing_id]
        for row in rows
        if row.existing_id in nodes
        and _translated(nodes[row.existing_id], _node_texts(row), review.lang, user, records)
    ]
    Node.objects.bulk_update(changed, ["translations", "version"])
    return len(changed)


def _write_items(review: TranslationReview, user, records: list[ChangeRecord]) -> dict[str, int]:
    node_ids = [row.existing.key for row in review.matched if row.existing is not None]
    counts = {}
    for kind, model in ITEM_MODELS.items():
        stored = _stored_items(model, node_ids)
        changed = []
        for row in review.matched:
            for item in row.items[kind]:
                objs = stored.get(row.existing.key, []) if row.existing else []
                if item.existing is None or not 0 <= item.existing < len(objs):
                    continue
                obj = objs[item.existing]
                if _translated(obj, _item_texts(kind, obj, item.parsed), review.lang, user, records):
                    changed.append(obj)
        model.objects.bulk_update(changed, ["translations", "version"])
        counts[kind] = len(changed)
    return counts


def _plan_texts(review: TranslationReview, plan: Plan) -> dict[str, Any]:
    stored = ((plan.translations or {}).get(review.lang) or {}).get("level_names") or []
    names = [
        name or (stored[i] if i < len(stored) else "")
        for i, name in enumerate(review.level_names[: len(plan.levels)])
    ]
    texts: dict[str, Any] = {
        "level_names": names if review.include_levels and any(review.level_names) else None
    }
    if plan.title and review.include_title:
        texts["title"] = review.parsed.title
    return texts


def write_translation(review: TranslationReview, user, file_name: str) -> dict[str, int]:
    """Store the matched texts in `review.lang`; the number of nodes and items changed, by kind.

    Raises Conflict (nothing written) when the plan's content changed after the review was built.
    """
    with transaction.atomic():
        plan = Plan.objects.select_for_update().filter(pk=review.plan.pk).first()
        if plan is None or stamp_of(plan) != review.stamp:
            raise Conflict(plan)
        records: list[ChangeRecord] = []
        counts = {"nodes": _write_nodes(review, user, records), **_write_items(review, user, records)}
        ChangeRecord.objects.bulk_create(records)
        before = plan.translations or {}
        after = merged(before, review.lang, _plan_texts(review, plan))
        changes: dict[str, list] = {"file": [None, file_name]}
        if after != before:
            Plan.objects.filter(pk=plan.pk).update(translations=after, version=F("version") + 1)
            changes["translations"] = [before, after]
        record(plan, "changed", changes, user)  # moves the content version: cached pages are read again
    return counts
