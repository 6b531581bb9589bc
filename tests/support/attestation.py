"""Where each lexicon word was seen: the corpus and the real-world tuning half, never the
evaluation half (it is held out).

    python -m tests.support.attestation          list entries with their publishers
    python -m tests.support.attestation --write  write `attested` into the lexicon files

A word counts as seen in a document when one of the document's words is that entry's form
(exactly, as a compound's head or by its stem: `seuranta.core.parsing.lexicon.lookup`).
"""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path

from seuranta.core.parsing import lexicon

DATA = Path(__file__).resolve().parent.parent / "data"
SOURCES = [(DATA / "corpus", DATA / "gold"), (DATA / "realworld" / "tune", DATA / "realworld" / "tune")]
LEXICON_DIR = Path(lexicon.__file__).parent / "lexicon"
# One body under two names (its Swedish name, its own enterprise) is one publisher.
SAME_PUBLISHER = {
    "Helsingfors stad": "Helsingin kaupunki",
    "Helsingin kaupungin liikenneliikelaitos (HKL)": "Helsingin kaupunki",
}


@cache
def documents() -> dict[str, tuple[str, str]]:
    """Document name -> (publisher, text)."""
    found = {}
    for texts, keys in SOURCES:
        for text_path in sorted(texts.glob("*.txt")):
            key = keys / f"{text_path.stem}.json"
            if not key.exists():
                continue
            publisher = json.loads(key.read_text("utf-8")).get("organization") or text_path.stem
            found[text_path.stem] = (SAME_PUBLISHER.get(publisher, publisher), text_path.read_text("utf-8"))
    return found


@cache
def entries_in(name: str) -> frozenset[tuple[str, str]]:
    """(language, term) of every lexicon entry a document's words are forms of."""
    _, text = documents()[name]
    seen = set()
    for word in set(lexicon.words(text.lower())):
        entry = lexicon.lookup(word)
        if entry is not None:
            seen.add((entry.language, entry.term))
    return frozenset(seen)


def attestations(entry: lexicon.Entry) -> list[str]:
    return [name for name in documents() if (entry.language, entry.term) in entries_in(name)]


def publishers(names: list[str]) -> set[str]:
    return {documents()[name][0] for name in names if name in documents()}


def write() -> None:
    for language in lexicon.LANGUAGES:
        path = LEXICON_DIR / f"{language}.json"
        data = json.loads(path.read_text("utf-8"))
        by_term = {e.term: e for e in lexicon.entries() if e.language == language}
        for item in data["entries"]:
            item["attested"] = attestations(by_term[item["term"]])
        path.write_text(_dump(data), "utf-8")


def _dump(data: dict) -> str:
    """One entry a line, so a change to the lexicon reads as a one-line diff."""
    head = {k: v for k, v in data.items() if k != "entries"}
    lines = [json.dumps(item, ensure_ascii=False) for item in data["entries"]]
    body = ",\n    ".join(lines)
    head_text = json.dumps(head, ensure_ascii=False, indent=2)[:-2]
    return f'{head_text},\n  "entries": [\n    {body}\n  ]\n}}\n'


if __name__ == "__main__":
    if "--write" in sys.argv:
        write()
    for entry in lexicon.entries():
        names = attestations(entry)
        print(
            f"{entry.language} {entry.term:20} {len(publishers(names))} publishers: {sorted(publishers(names))}"
        )
