"""The importer's warnings from its own confidence: one mechanism for every doubt.

Each element the general reader decides carries a role, a confidence and the ids of the
rules that decided it (`SourceLine`). A reviewer is warned where the confidence is low, one
warning per deciding rule (so twenty nodes whose level was guessed the same way are one
warning, located at the first of them), worded from the rule's kind; and once for the whole
document when any of its items rests on structure alone rather than on words of the document.

    rule ids      "style:dec2"            the item's numbering, bullet or heading style
                  "level:word"            a level word in front of it or over its list names its level
                  "level:intro"           the line introducing its list names its level
                  "level:profile"         the organisation's profile names it
                  "level:style"           an earlier item of the same style was so named
                  "level:depth"           another item at the same depth was so named
                  "level:default:<Name>"  nothing named it: the usual name for its depth
                  "paragraph"             no structure at all: a paragraph offered as an item
"""

from __future__ import annotations

from seuranta.core.parsing.document import ImportWarning, SourceLine

LOW_CONFIDENCE = 0.4  # below this a decision is a reviewer's question
SURE_CONFIDENCE = 0.9  # a level the document names
# Confidence of a node by what named its level (the style alone gives STRUCTURE).
LEVEL_CONFIDENCE = {
    "level:word": 0.9,
    "level:intro": 0.9,
    "level:profile": 1.0,
    "level:style": 0.7,
    "level:depth": 0.6,
    "level:default": 0.3,
    "paragraph": 0.2,
}

# What each kind of low-confidence rule asks of the reviewer; "{detail}" is the rule's parameter.
_QUESTIONS = {
    "level:default": 'Asiakirja ei nimeä tätä tasoa; nimi "{detail}" on arvaus. Tarkista tasojen nimet.',
    "paragraph": "Asiakirjasta ei löytynyt otsikoita eikä luetteloita: jokainen kappale on ehdotettu "
    "kohdaksi. Poista ylimääräiset ja nimeä tasot.",
}
_GENERIC = "Tuoja ei ollut varma tästä tulkinnasta ({rule}). Tarkista se."
_FIELDS = {"node": "level"}
STRUCTURE_ONLY = (
    "Asiakirjan rakenne tunnistettiin otsikoista, numeroinnista ja luetteloista: "
    "tarkista tasot ja puu ennen tallennusta."
)


def rule_confidence(rule: str) -> float:
    """The confidence a level rule gives ("level:default:Tavoite" counts as "level:default")."""
    kind = ":".join(rule.split(":")[:2])
    return LEVEL_CONFIDENCE.get(kind, LEVEL_CONFIDENCE.get(rule, 0.5))


def _weakest(line: SourceLine) -> str:
    """The rule that made a decision unsure: the one whose confidence is lowest."""
    return min(line.rules, key=rule_confidence)


def _question(rule: str) -> tuple[str, str]:
    parts = rule.split(":")
    kind, detail = (":".join(parts[:2]), ":".join(parts[2:])) if len(parts) > 2 else (rule, "")
    template = _QUESTIONS.get(kind)
    code = "low_confidence:" + kind
    return code, (template.format(detail=detail) if template else _GENERIC.format(rule=rule))


def warnings(trace: list[SourceLine], paths: dict[int, tuple[str, ...]]) -> list[ImportWarning]:
    """Warnings for a traced reading: one per low-confidence rule (at the first line it decided,
    `paths` giving a node's path by its source), and one for a tree that rests on structure."""
    out: list[ImportWarning] = []
    decided = [line for line in trace if line.role != "ignore"]
    if any(line.role == "node" and line.confidence < SURE_CONFIDENCE for line in decided):
        out.append(ImportWarning("outline_guess", STRUCTURE_ONLY))
    seen: set[str] = set()
    for line in decided:
        if line.confidence >= LOW_CONFIDENCE:
            continue
        rule = _weakest(line)
        if rule in seen:
            continue
        seen.add(rule)
        code, message = _question(rule)
        out.append(
            ImportWarning(code, message, path=paths.get(line.source, ()), field=_FIELDS.get(line.role))
        )
    return out
