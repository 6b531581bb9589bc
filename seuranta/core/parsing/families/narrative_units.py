"""Service units of a narrative plan ("5.1.1. Tietohallintopalvelut") and what they hold.

A service unit is a numbered heading whose text is divided by the narrative
headings Nykytila / Haasteet / Kehittämisnäkökulmia / Mittareita and a status
review ("... tilannekatsaus syyskuulta 2023"):

* Nykytila, Haasteet and other "X:" headings are copied into the unit's description;
* each first-level bullet under Kehittämisnäkökulmia is an action; its sub-bullets
  are the action's description, except a sub-bullet reporting a dated outcome
  ("Julkaistu huhtikuussa 2024"), which is progress;
* each bullet under Mittareita is an indicator; its sub-bullets, a breakdown, go to
  the unit's notes, and a bullet that reads as a task goes to the notes with a warning;
* a review arranged by theme ("Automatisaation lisääminen:" with sub-bullets) is
  progress on the unit; a review of single bullets ("Kehittämistoimenpiteiden
  toteutuma") is progress on the actions it reports on, matched in order by wording;
* "Strateginen päämäärä: X" goes to the unit's notes.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from seuranta.core.model import Indicator, Node, Progress
from seuranta.core.parsing.document import ImportWarning
from seuranta.core.parsing.families.narrative_lines import (
    Item,
    Line,
    build_items,
    fold,
    render_items,
    strip_heading_punctuation,
)
from seuranta.core.parsing.families.narrative_words import indicator_from_text, responsible_in, text_period

_I = re.IGNORECASE
STATUS, CHALLENGES, OTHER, ACTIONS, INDICATORS, REVIEW = (
    "status",
    "challenges",
    "other",
    "actions",
    "indicators",
    "review",
)
_HEADINGS = [
    (REVIEW, re.compile(r"\b(?:tilannekatsau\w*|tilannepäivity\w*|väliraport\w*|toteutuma\w*)\b", _I)),
    (STATUS, re.compile(r"^(?:nykytila\w*|tilannekuva)\b", _I)),
    (CHALLENGES, re.compile(r"^(?:haasteet|haasteita|riskit|uhat)\b", _I)),
    (
        ACTIONS,
        re.compile(
            r"^(?:kehittämisnäkökulm\w*|kehittämiskohte\w*|kehittämistoimenpite\w*|"
            r"kehittämistavoitte\w*|toimenpiteet|toimenpiteitä)\b",
            _I,
        ),
    ),
    (INDICATORS, re.compile(r"^(?:mittarit|mittareita|mittari|seurantamittarit|arviointi)\b", _I)),
]
# "Strateginen päämäärä: X", "Strateginen tavoite X", "Kaupunkistrategian painopiste: X"
STRATEGIC_LINK = re.compile(
    r"^((?:strateginen|[^\W\d_]*strategian)\s+(?:päämäärä|tavoite|painopiste|teema))\b\s*[:;]?\s*(\S.*)$", _I
)
_BY_ACTION = re.compile(r"toimenpite\w*\s+toteutum", _I)
# "Julkaistu huhtikuussa 2024": a past participle reporting what has happened
# or a past tense ("Valmistui maaliskuussa 2024", "Otettiin käyttöön 5/2024")
_DONE = re.compile(r"^\w+(?:[tsln]t[uy]|nut|nyt|[aouyäö]i|ttiin|tiin)\b", _I)
_SCHEDULE = re.compile(
    r"\b(?:vuo(?:sien|den)\s+\d{4}(?:\s*[-–]\s*\d{4})?\s+(?:aikana|kuluessa|loppuun(?:\s+mennessä)?)"
    r"|(?:vuoteen|vuoden)\s+\d{4}\s+(?:loppuun(?:\s+mennessä)?|mennessä)|\d{4}\s+mennessä"
    r"|vuo(?:nna|sina)\s+\d{4}(?:\s*[-–]\s*\d{4})?"
    r"|(?:kevään|syksyn|kesän|talven|alkuvuoden|loppuvuoden)\s+\d{4}\s+(?:aikana|kuluessa|loppuun)"
    r"|vuodesta\s+\d{4}\s+(?:alkaen|lähtien))",
    _I,
)
# a Mittareita bullet that is a task: a passive verb ("Tsekataan") or a verbal noun
# naming work to be done ("... kehittäminen")
# (a vowel before "-taan": "Harrastustoimintaan" is a noun's illative, not a verb)
_TASK = re.compile(r"^\w+[aeiouyäö](?:taan|tään)\b|^\w+(?:daan|dään)\b|\w(?:aminen|äminen)$", _I)

_STEMMER = snowballstemmer.stemmer("finnish")
_STOP = frozenset(
    [
        "ja",
        "sekä",
        "tai",
        "on",
        "ovat",
        "ei",
        "myös",
        "mm",
        "em",
        "ym",
        "esim",
        "jne",
        "tulee",
        "osalta",
        "kun",
        "että",
        "jotta",
        "niin",
        "kuin",
        "sitä",
        "mukaa",
        "joka",
        "jonka",
    ]
)


@dataclass
class Block:
    kind: str
    heading: str
    lines: list[Line] = field(default_factory=list)
    by_action: bool = False


def heading_kind(text: str) -> str | None:
    """The narrative heading a short line is, if any ("Nykytila:", "Mittareita:", a review)."""
    bare = strip_heading_punctuation(text)
    if not bare or len(bare) > 110 or not bare[0].isupper():
        return None  # a heading starts with a capital; a wrapped line does not
    for kind, pattern in _HEADINGS:
        m = pattern.search(bare)
        if not m:
            continue
        if kind == REVIEW:
            # "... tilannekatsaus syyskuulta 2023", "Kehittämistoimenpiteiden toteutuma"
            if text_period(bare) or len(bare[m.end() :].split()) <= 2:
                return REVIEW
            continue
        if text.rstrip().endswith((":", ";")) or len(bare.split()) <= 3:
            return kind
    return None


def _blocks(lines: list[Line], notes: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for ln in lines:
        link = STRATEGIC_LINK.match(ln.text)
        if link and not ln.is_bullet:
            notes.append(f"{fold(link[1]).capitalize()}: {strip_heading_punctuation(link[2])}")
            continue
        kind = heading_kind(ln.text)
        if kind is not None:
            current = blocks[-1] if blocks else None
            if current and current.kind == REVIEW and not current.lines and kind in (REVIEW, ACTIONS):
                current.by_action = current.by_action or bool(_BY_ACTION.search(ln.text))
                continue
            blocks.append(Block(kind, ln.text, by_action=bool(_BY_ACTION.search(ln.text))))
            continue
        if not blocks:
            blocks.append(Block(OTHER, ""))
        blocks[-1].lines.append(ln)
    return blocks


def _description(blocks: list[Block]) -> str | None:
    parts = []
    for block in blocks:
        body = render_items(build_items(block.lines))
        heading = strip_heading_punctuation(block.heading)
        text = "\n".join(([f"{heading}:"] if heading else []) + body)
        if text:
            parts.append(text)
    return "\n\n".join(parts) or None


def _action(
    item: Item, unit_title: str, level: str, warnings: list[ImportWarning], path: tuple[str, ...]
) -> Node:
    node = Node(level=level, title=item.text, unit=unit_title, notes=[])
    described: list[Item] = []
    for child in item.children:
        period = text_period(child.text)
        if _DONE.match(child.text) and period and not child.children:
            node.progress.append(Progress(text=child.text, period=period))
        else:
            described.append(child)
    node.description = "\n".join(render_items(described)) or None
    for text in [item.text] + [c.text for c in _descendants(described)]:
        m = _SCHEDULE.search(text)
        if m:
            node.schedule = m[0]
            break
    node.responsible = responsible_in(item.text)
    if node.responsible:
        warnings.append(
            ImportWarning(
                "responsible_in_text",
                "Vastuutaho on päätelty toimenpiteen lauseesta ("
                + ", ".join(node.responsible)
                + "); asiakirjassa ei ole erillistä vastuukenttää.",
                path + (node.title,),
                field="responsible",
            )
        )
    return node


def _descendants(items: list[Item]) -> list[Item]:
    out: list[Item] = []
    for item in items:
        out.append(item)
        out.extend(_descendants(item.children))
    return out


def _indicators(block: Block, node: Node, path: tuple[str, ...], warnings: list[ImportWarning]) -> None:
    for item in build_items(block.lines):
        if _TASK.search(item.text.split(";")[0].strip()):
            assert node.notes is not None
            node.notes.append(f"Mittareita: {item.text}")
            warnings.append(
                ImportWarning(
                    "indicator_is_task",
                    "Mittareiden luettelossa oleva kohta näyttää tehtävältä eikä mittarilta; "
                    "se on siirretty huomautuksiin.",
                    path,
                    indicator=item.text,
                    field="indicators",
                )
            )
            continue
        indicator: Indicator = indicator_from_text(item.text)
        node.indicators.append(indicator)
        if item.children:
            assert node.notes is not None
            node.notes.append(f"{item.text}:\n" + "\n".join(render_items(item.children)))


def _tokens(text: str) -> list[str]:
    words = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if len(w) > 2 and w not in _STOP]
    return [_stem(word) for word in words]


@lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """A word's stem, each word stemmed once: a document repeats its words from one bullet to the next."""
    stem: str = _STEMMER.stemWord(word)
    return stem


def _match(a: str, b: str) -> bool:
    if a == b:
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) >= 5 and long_.startswith(short):
        return True  # a compound and its first part: "koulutu" / "koulutuks"
    return len(short) >= 7 and short[:7] == long_[:7]  # "valmisteluvaiheessa" / "valmistautuminen"


def wording_similarity(report: str, actions: list[str]) -> list[float]:
    """How much wording a report bullet and each action share, 0..1.

    Words are compared by their stems (a stem that begins another counts: compounds);
    words rare among the actions weigh more, and the bullet's first clause (before ";")
    weighs double, since a bullet reports first on the action it answers. The overlap is
    taken from both sides, so a long action does not win by its length alone.
    """
    return _Similarity(actions).of(report)


class _Similarity:
    """wording_similarity against one list of actions, their stems and word weights computed once.

    Which action words each word matches (`_match`) is looked up once per word against the
    actions' whole vocabulary, not pair by pair for every bullet and action.
    """

    def __init__(self, actions: list[str]) -> None:
        self.count = len(actions)
        self.action_tokens = [set(_tokens(a)) for a in actions]
        self.vocabulary = set().union(*self.action_tokens)
        # Words that match without being equal share their first five letters (see _match).
        self.by_start: dict[str, list[str]] = {}
        for token in sorted(self.vocabulary):
            if len(token) >= 5:
                self.by_start.setdefault(token[:5], []).append(token)
        self.idfs: dict[str, float] = {}
        self.matches: dict[str, frozenset[str]] = {}

    def matching(self, word: str) -> frozenset[str]:
        """The actions' words that `word` matches."""
        found = self.matches.get(word)
        if found is None:
            alike = self.by_start.get(word[:5], []) if len(word) >= 5 else []
            same = [word] if word in self.vocabulary else []
            found = self.matches[word] = frozenset([*same, *(t for t in alike if _match(word, t))])
        return found

    def idf(self, word: str) -> float:
        value = self.idfs.get(word)
        if value is None:
            matching = self.matching(word)
            df = sum(1 for tokens in self.action_tokens if not matching.isdisjoint(tokens))
            value = self.idfs[word] = math.log(1 + (self.count + 1) / (df + 1))
        return value

    def of(self, report: str) -> list[float]:
        idf = self.idf
        head, _, rest = report.partition(";")
        first = set(_tokens(head))
        words = first | set(_tokens(rest))
        if not words or not self.count:
            return [0.0] * self.count
        report_weights = {w: idf(w) * (2 if w in first else 1) for w in words}
        report_total = sum(report_weights.values())
        matching = {w: self.matching(w) for w in words}
        hit = frozenset().union(*matching.values())  # the action words some report word matches
        out = []
        for tokens in self.action_tokens:
            action_weights = {t: idf(t) for t in tokens}
            total = report_total * sum(action_weights.values())
            if not total:
                out.append(0.0)
                continue
            shared_report = sum(v for w, v in report_weights.items() if not matching[w].isdisjoint(tokens))
            shared_action = sum(v for t, v in action_weights.items() if t in hit)
            out.append(math.sqrt(shared_report * shared_action / total))
        return out


def align_reports(reports: list[str], actions: list[str]) -> list[tuple[int, float]]:
    """Each report bullet's action (index, similarity): in order, by wording.

    Bullets report on the actions in the order the actions are listed, skipping the
    ones with nothing to report, so the alignment keeps the order (a later bullet
    never goes to an earlier action) and maximises the total wording similarity.
    An action takes two bullets only when there are more bullets than actions.
    """
    n, m = len(reports), len(actions)
    if not n or not m:
        return []
    similarity = _Similarity(actions)
    sims = [similarity.of(r) for r in reports]
    reuse = math.inf if n <= m else 0.0
    neg = -math.inf
    best = [[neg] * m for _ in range(n)]
    back = [[-1] * m for _ in range(n)]
    for j in range(m):
        best[0][j] = sims[0][j]
    for i in range(1, n):
        running, arg = neg, -1
        for j in range(m):
            # previous bullet on an earlier action, or on this same action at a cost
            if j > 0 and best[i - 1][j - 1] > running:
                running, arg = best[i - 1][j - 1], j - 1
            options = [(running, arg), (best[i - 1][j] - reuse, j)]
            value, prev = max(options, key=lambda pair: pair[0])
            if value > neg and prev >= 0:
                best[i][j] = value + sims[i][j]
                back[i][j] = prev
    j = max(range(m), key=lambda k: best[n - 1][k])
    out = [0] * n
    for i in range(n - 1, -1, -1):
        out[i] = j
        j = back[i][j]
    return [(j, sims[i][j]) for i, j in enumerate(out)]


def _review(
    block: Block, node: Node, actions: list[Node], path: tuple[str, ...], warnings: list[ImportWarning]
) -> None:
    period = text_period(block.heading)
    items = build_items(block.lines)
    themed = any(item.children and item.text.rstrip().endswith(":") for item in items)
    texts = [
        item.text + ("\n" + "\n".join(render_items(item.children)) if item.children else "") for item in items
    ]
    if period is None:
        warnings.append(
            ImportWarning(
                "progress_period",
                "Tilannekatsauksen ajankohtaa ei tunnistettu otsikosta.",
                path,
                field="progress",
            )
        )
    if themed or not actions:
        node.progress.extend(Progress(text=t, period=period) for t in texts)
        if themed and actions:
            warnings.append(
                ImportWarning(
                    "progress_on_unit",
                    "Tilannekatsaus on jaoteltu teemoittain eikä toimenpiteittäin; kohdat on liitetty "
                    "tehtäväalueeseen.",
                    path,
                    field="progress",
                )
            )
        return
    for text, (index, similarity) in zip(
        texts, align_reports(texts, [a.title for a in actions]), strict=True
    ):
        action = actions[index]
        action.progress.append(Progress(text=text, period=period))
        if similarity < 0.1:
            warnings.append(
                ImportWarning(
                    "progress_mapping",
                    "Tilannekatsauksen kohta on liitetty toimenpiteeseen järjestyksen perusteella; "
                    "sanamuodot eivät juuri vastaa toisiaan. Tarkista kohdistus.",
                    path + (action.title,),
                    field="progress",
                )
            )


def parse_unit(
    title: str,
    lines: list[Line],
    *,
    unit: str | None,
    level: str,
    action_level: str,
    path: tuple[str, ...] = (),
) -> tuple[Node, list[ImportWarning]]:
    """One service unit: its node, with actions as children, and the doubts about it."""
    warnings: list[ImportWarning] = []
    node = Node(level=level, title=fold(title), unit=unit, notes=[])
    here = path + (node.title,)
    blocks = _blocks(lines, node.notes)  # type: ignore[arg-type]
    node.description = _description([b for b in blocks if b.kind in (STATUS, CHALLENGES, OTHER)])
    actions: list[Node] = []
    for block in blocks:
        if block.kind == ACTIONS:
            for item in build_items(block.lines):
                actions.append(_action(item, node.title, action_level, warnings, here))
        elif block.kind == INDICATORS:
            _indicators(block, node, here, warnings)
    for block in blocks:
        if block.kind == REVIEW:
            _review(block, node, actions, here, warnings)
    node.children = actions
    return node, warnings
