"""Rows of a goal table (Tavoite | Toimenpide | Aikataulu | Vastuutaho | Arviointi).

Two sources: a real table (DOCX: `Table` blocks, cells are exact) and PDF text,
where the cells of a row come out one after another and sometimes out of
column order. For text, lines are first grouped into cells (see
`goal_table_text`), each cell is typed by its shape (a schedule is a year
range, a responsible unit a narrow cell of one or two nouns, a goal a cell
without a closing full stop, actions and evaluations sentences), and rows are
rebuilt with the column order Tavoite, Toimenpide, Aikataulu, Vastuutaho,
Arviointi: a goal opens a row; a schedule or responsible cell met when the
current row already has one is kept for the next row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from seuranta.core.parsing import layouts
from seuranta.core.parsing.families.goal_table_text import (
    Block,
    Line,
    best_match,
    fold,
    join_lines,
    normalise,
    would_fit,
)
from seuranta.core.parsing.text import ends_sentence

# The column words are data: layouts/goal_table.json (tried in order: a header cell is a word or
# starts with one).
_LAYOUT = layouts.load("goal_table")
ROLE_WORDS = {column.role: column.words for column in _LAYOUT.columns.values()}
HEADER_WORDS = {w for words in ROLE_WORDS.values() for w in words} | _LAYOUT.words("header_glue")
# Parts of column names hyphenated in a narrow header cell ("Vastuu-" / "taho", "Aika-" / "taulu").
_HEADER_PARTS = {
    part
    for words in ROLE_WORDS.values()
    for word in words
    if " " not in word
    for cut in range(4, len(word) - 3)
    for part in (word[:cut] + "-", word[cut:])
}

SCHEDULE = re.compile(
    r"^(?:\d{4}\s*[–—-]\s*(?:\d{4}|jatkuva|jatkuvasti|eteenpäin)?|\d{4}|jatkuva|vuosittain"
    r"|(?:kevät|syksy|kesä|talvi)\s+\d{4}|[1-4]\s*/\s*\d{4}|Q[1-4]\s*/?\s*\d{4})\.?$",
    re.IGNORECASE,
)
SCHEDULE_START = re.compile(
    r"^\d{4}\s*[–—-]?\s*$|^\d{4}\s*[–—-]\s*\S+$|^(?:kevät|syksy|kesä|talvi|jatkuva)\s*$", re.IGNORECASE
)
_SEASON = re.compile(r"^(?:kevät|syksy|kesä|talvi)$", re.IGNORECASE)
# A schedule cell printed on the same line as the next cell ("2025 Hankinta-", "jatkuva Viheralue-").
_SCHEDULE_THEN_CELL = re.compile(
    r"^(?P<schedule>(?:(?:kevät|syksy|kesä|talvi)\s+)?\d{4}(?:\s*[–—-]\s*(?:\d{4}|jatkuva))?|jatkuva)"
    r"\s+(?P<rest>[A-ZÅÄÖ]\S*.*)$"
)
_NOMINALISATION = re.compile(r"(minen|misen|mista|miseksi|maan|mään|ntaa|ntää)$")


@dataclass
class Row:
    """One table row as cell texts."""

    goal: str | None = None
    actions: list[str] = field(default_factory=list)
    schedules: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    evaluations: list[str] = field(default_factory=list)
    group: str | None = None
    meta_first: bool = False  # schedule/responsible printed before the goal
    guessed: list[str] = field(default_factory=list)  # what was placed by guesswork


def header_role(cell: str) -> str | None:
    """The column role a header cell names ("Vastuutaho" -> responsible)."""
    text = normalise(join_lines(cell.splitlines())).replace("-", "")
    if not text:
        return None
    for role, words in ROLE_WORDS.items():
        if any(text == w or text.startswith(w) for w in words):
            return role
    return None


def is_header_line(text: str, after: str | None = None) -> bool:
    """A line made only of column names ("Tavoite Toimenpide Aika-", "Vastuutaho Arviointi").

    `after` is the line before: a line of word parts only ("taho") continues a header
    line that ended in a hyphenated column name ("Tavoite Toimenpiteet Vastuu-")."""
    words = [w.strip(",:;").lower() for w in fold(text).split(" ") if w.strip(",:;")]
    if not words or not all(w in HEADER_WORDS or w in _HEADER_PARTS for w in words):
        return False
    if any(w in HEADER_WORDS and w not in ("ja", "taulu") for w in words):
        return True
    return after is not None and fold(after).endswith("-") and is_header_line(after)


def header_roles(text: str) -> set[str]:
    text = re.sub(r"(\w)-\s+(?=\w)", r"\1", fold(text.replace("-\n", "")).lower())  # "vastuu- taho"
    words = text.split(" ")
    roles = set()
    for word in words:
        role = header_role(word)
        if role:
            roles.add(role)
    return roles


# ---------------------------------------------------------------- text tables


def _is_schedule_text(text: str) -> bool:
    return bool(SCHEDULE.match(fold(text)))


def _continues(block: Block, nxt: Line) -> bool:
    prev = block.lines[-1]
    if SCHEDULE_START.match(block.lines[0].text):
        if len(block.lines) == 1 and _SEASON.match(prev.text):
            return bool(re.fullmatch(r"\d{4}", nxt.text))  # "syksy" / "2025"
        return prev.text.endswith(("–", "-", "—")) and len(nxt.text.split(" ")) <= 2
    if SCHEDULE_START.match(nxt.text) or _is_schedule_text(nxt.text):
        return False
    if prev.text.endswith("-") and not prev.text.endswith(" -"):
        return True
    if nxt.text[:1].islower():
        return True  # a cell does not begin in lower case
    if not (prev.soft_wrap or nxt.indented):
        return False
    width = max(block.width, len(nxt.text))
    return not would_fit(prev.text, nxt.text, width, 0.95)


def _split_schedule_lines(lines: list[Line]) -> list[Line]:
    """A line that starts with a schedule and goes on with another cell becomes two lines."""
    out: list[Line] = []
    for line in lines:
        m = _SCHEDULE_THEN_CELL.match(line.text)
        if m and (not out or not out[-1].text.endswith(("–", "-", "—"))):
            out.append(Line(m.group("schedule"), line.index, line.blank_before))
            rest = line.raw[line.raw.index(m.group("rest")[:1], len(m.group("schedule"))) :]
            out.append(Line(rest, line.index, 0))
        else:
            out.append(line)
    return out


def segment(lines: list[Line]) -> list[Block]:
    """Group a table's lines into cells."""
    blocks: list[Block] = []
    for line in _split_schedule_lines(lines):
        if blocks and _continues(blocks[-1], line):
            blocks[-1].lines.append(line)
        else:
            blocks.append(Block([line]))
    return blocks


_UNIT_ENDINGS = (
    "palvelut",
    "palvelu",
    "tiimi",
    "huolto",
    "henkilöstö",
    "yksikkö",
    "yksiköt",
    "toimiala",
    "toimialat",
    "keskus",
    "johtaja",
    "johto",
    "päällikkö",
    "päälliköt",
    "esihenkilöt",
    "esimiehet",
    "hallinto",
    "toimisto",
    "vastaava",
    "vastaavat",
    "ryhmä",
    "lautakunta",
    "toimikunta",
    "asiantuntija",
    "asiantuntijat",
    "koordinaattori",
    "työntekijät",
    "kaikki",
    "organisaatio",
    "virasto",
    "osasto",
    "tulosalue",
    "vastuualue",
)


def responsible_shape(block: Block) -> str | None:
    """ "strong" for a narrow cell naming units ("Henkilöstö-/palvelut"), "weak" for a narrow
    noun phrase that only the column order can tell from a short goal, else None."""
    text = block.text
    if ends_sentence(text) or any(ch.isdigit() for ch in text):
        return None
    words = [w for w in text.replace(",", " ").split(" ") if w and w not in ("ja", "sekä")]
    if not words or len(words) > 4 or len(block.lines) > 4 or block.width > 20:
        return None
    if _NOMINALISATION.search(words[-1].lower()):
        return None
    if words[-1].lower().endswith(_UNIT_ENDINGS):
        return "strong"
    return "weak"


def classify(block: Block, labels: list[str]) -> str:
    """label / schedule / responsible (responsible? when unsure) / open (no closing full stop) / sentence."""
    text = block.text
    if labels and best_match(text, labels, 0.9) is not None:
        return "label"
    if _is_schedule_text(text):
        return "schedule"
    shape = responsible_shape(block)
    if shape:
        return "responsible" if shape == "strong" else "responsible?"
    return "sentence" if ends_sentence(text) else "open"


_LEVEL_HINT = re.compile(
    r"lähtötaso|tavoitetaso|\byli\b|\balle\b|vähintään|enintään|maks|\d+\s*%|\d+\s*(kpl|kertaa|/)|"
    r"lukumäärä|määrä|tilasto|kysely|osuus|toteutu",
    re.IGNORECASE,
)


def looks_like_evaluation(text: str) -> bool:
    return bool(_LEVEL_HINT.search(text))


class _RowBuilder:
    """Rows rebuilt from typed cells in order; schedules and names met before a row wait for it."""

    def __init__(self) -> None:
        self.rows: list[Row] = []
        self.pending_schedules: list[str] = []
        self.pending_responsible: list[str] = []
        self.row: Row | None = None
        self.action_width = 0

    def new_row(self, goal: str | None) -> Row:
        row = Row(goal=goal, meta_first=bool(self.pending_schedules or self.pending_responsible))
        row.schedules, row.responsible = self.pending_schedules, self.pending_responsible
        self.pending_schedules, self.pending_responsible = [], []
        self.rows.append(row)
        self.row = row
        return row

    def schedule(self, text: str) -> None:
        row = self.row
        if (
            row is not None
            and not row.evaluations
            and (
                not row.schedules
                # one schedule per action, printed together (whatever kind of cell came before)
                or (
                    len(row.actions) > len(row.schedules)
                    and not row.responsible
                    and not self.pending_schedules
                )
            )
        ):
            row.schedules.append(text)
        else:
            self.pending_schedules.append(text)

    def responsible(self, text: str) -> None:
        names = [fold(n) for n in text.split(",") if fold(n)]
        row = self.row
        if row is not None and not row.evaluations and (row.actions or row.meta_first):
            row.responsible.extend(names)
        else:
            self.pending_responsible.extend(names)

    def open(self, text: str) -> None:
        row = self.row
        if row is not None and row.goal and not row.actions and not row.evaluations:
            row.goal = fold(row.goal + " " + text)
            row.guessed.append("goal")
        else:
            self.new_row(text)

    def sentence(self, text: str, width: int) -> None:
        """A sentence: an action or an evaluation."""
        current = self.row if self.row is not None else self.new_row(None)
        after_meta = bool(current.schedules or current.responsible) and not current.meta_first
        if current.evaluations or (after_meta and current.actions):
            current.evaluations.append(text)
        elif not current.actions:
            current.actions.append(text)
            self.action_width = max(self.action_width, width)
        elif current.meta_first and looks_like_evaluation(text):
            current.evaluations.append(text)
        elif current.meta_first and self.action_width and width < 0.85 * self.action_width:
            current.evaluations.append(text)
            current.guessed.append("evaluation")
        else:
            current.actions.append(text)
            self.action_width = max(self.action_width, width)


def rows_from_blocks(blocks: list[Block], labels: list[str]) -> tuple[list[Row], list[int]]:
    """Rebuild rows from typed cells; also return the indexes of the labels met."""
    found_labels: list[int] = []
    builder = _RowBuilder()
    for block in blocks:
        kind = classify(block, labels)
        text = block.text
        if kind == "label":
            index = best_match(text, labels, 0.9)
            if index is not None and index not in found_labels:
                found_labels.append(index)
        elif kind == "schedule":
            builder.schedule(text)
        elif kind == "responsible" or (
            kind == "responsible?"
            and builder.row is not None
            and bool(builder.row.actions)
            and not builder.row.evaluations
        ):
            builder.responsible(text)
        elif kind in ("open", "responsible?"):
            builder.open(text)
        else:
            builder.sentence(text, block.width)
    _share_schedules(builder.rows)
    return builder.rows, found_labels


def _share_schedules(rows: list[Row]) -> None:
    """Schedules printed together in one row: one per action, unless the next row has none of its own
    (then the last one is that row's, printed early)."""
    for k, row in enumerate(rows[:-1]):
        following = rows[k + 1]
        if len(row.schedules) > 1 and not following.schedules:
            following.schedules.append(row.schedules.pop())
            following.meta_first = True


def rows_from_text(lines: list[Line], labels: list[str]) -> tuple[list[Row], list[int]]:
    return rows_from_blocks(segment(lines), labels)


# ---------------------------------------------------------------- real tables


def _cell_items(cell: str) -> list[str]:
    """A cell's items: its lines, with wrapped lines joined when they do not start a new item."""
    items: list[str] = []
    for raw in cell.splitlines():
        text = fold(raw)
        if not text:
            continue
        bullet = text[:1] in "•●▪■◦‣∙-–→*" and text[1:2] == " "
        if bullet:
            text = text[2:].strip()
        if items and not bullet and (items[-1].endswith("-") or text[:1].islower()):
            items[-1] = join_lines([items[-1], text])
        else:
            items.append(text)
    return items


def rows_from_table(table_rows: list[list[str]]) -> tuple[list[Row], dict[str, int]] | None:
    """Rows of a real table whose header names at least a goal and an action column."""
    if not table_rows:
        return None
    roles: dict[str, int] = {}
    for i, heading in enumerate(table_rows[0]):
        role = header_role(heading)
        if role and role not in roles:
            roles[role] = i
    if "goal" not in roles or "action" not in roles:
        return None
    rows: list[Row] = []
    last_goal: str | None = None
    last_group: str | None = None

    def cell(values: list[str], role: str) -> str:
        i = roles.get(role)
        return values[i] if i is not None and i < len(values) else ""

    for values in table_rows[1:]:
        if not any(fold(v) for v in values):
            continue
        distinct = {fold(v) for v in values if fold(v)}
        if len(distinct) == 1 and len([v for v in values if fold(v)]) > 1:
            last_group = distinct.pop()  # a merged row across the table: a group heading
            continue
        group = join_lines(cell(values, "group").splitlines()) or last_group
        goal = join_lines(cell(values, "goal").splitlines()) or last_goal
        row = Row(goal=goal, group=group)  # rows with a merged goal cell share the goal later
        rows.append(row)
        row.actions.extend(_cell_items(cell(values, "action")))
        schedule = join_lines(cell(values, "schedule").splitlines())
        if schedule:
            row.schedules.append(schedule)
        for part in _cell_items(cell(values, "responsible")):
            row.responsible.extend(fold(p) for p in part.split(",") if fold(p))
        row.evaluations.extend(_cell_items(cell(values, "indicator")))
        last_goal, last_group = goal, group
    return rows, roles
