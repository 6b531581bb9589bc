#!/usr/bin/env python3
# Copied from the shared development tools (shared/tools/score_import.py) so that the
# test suite can score the importer without ../shared.
"""Score an imported plan against a hand-made gold annotation.

Both files are in the interchange format (../spec/plan-format.md).

    score_import.py GOLD.json PRED.json           one document
    score_import.py --gold-dir G --pred-dir P      every G/NAME.json against P/NAME.json
    score_import.py --gold-dir G --corpus-dir C --cmd 'seuranta parse {} --format json'
                                                   run CMD on C/NAME.txt, score against G/NAME.json

Prints one row per metric and, last, `score: X.XXX` (the weighted mean over
documents). Only the standard library is used.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

TITLE_MATCH = 0.8
TEXT_MATCH = 0.7
WEIGHTS = {
    "nodes": 0.20,
    "context": 0.10,
    "indicators": 0.20,
    "baselines": 0.10,
    "targets": 0.15,
    "progress": 0.10,
    "responsible": 0.05,
    "schedule": 0.05,
    "milestones": 0.05,
}


def norm(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).replace("\u00ad", "")
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = re.sub(r"[\"'\u201c\u201d\u2018\u2019\u00bb\u00ab]", "", text)
    text = re.sub(r"\s+", " ", text).strip().lower()
    return text.strip(" .,;:")


def sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    m = SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < 0.5 or m.quick_ratio() < 0.5:
        return 0.0
    return m.ratio()


def same_number(a, b) -> bool:
    if a is None or b is None or isinstance(a, bool) or isinstance(b, bool):
        return False
    try:
        return abs(float(a) - float(b)) <= 1e-6 * max(1.0, abs(float(a)))
    except (TypeError, ValueError):
        return False


def years(period) -> str:
    return " ".join(re.findall(r"\d{4}|q\d|t\d", norm(str(period or ""))))


@dataclass
class Node:
    title: str
    level: str
    unit: str
    ancestors: list[str]
    raw: dict
    indicators: list[dict] = field(default_factory=list)


def flatten(doc: dict) -> list[Node]:
    out: list[Node] = []

    def walk(items, ancestors):
        for item in items or []:
            if not isinstance(item, dict):
                continue
            node = Node(
                norm(item.get("title")),
                norm(item.get("level")),
                norm(item.get("unit")),
                list(ancestors),
                item,
                [i for i in item.get("indicators") or [] if isinstance(i, dict)],
            )
            out.append(node)
            context = ancestors + [node.title] + ([node.unit] if node.unit else [])
            walk(item.get("children"), context)

    walk(doc.get("nodes"), [])
    return out


def greedy_match(left: list, right: list, score, threshold: float) -> dict[int, int]:
    """Pairs left[i] -> right[j], best scores first, each side used once."""
    pairs = []
    for i, a in enumerate(left):
        for j, b in enumerate(right):
            s = score(a, b)
            if s >= threshold:
                pairs.append((s, i, j))
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_l, used_r, out = set(), set(), {}
    for _, i, j in pairs:
        if i not in used_l and j not in used_r:
            used_l.add(i)
            used_r.add(j)
            out[i] = j
    return out


def f1(hit: int, gold: int, pred: int) -> float | None:
    if gold == 0 and pred == 0:
        return None
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def ratio(hit: float, total: int) -> float | None:
    return hit / total if total else None


def measure_matches(g: dict, p: dict) -> bool:
    if g.get("value") is not None:
        return same_number(g.get("value"), p.get("value"))
    return sim(norm(g.get("text")), norm(p.get("text"))) >= TITLE_MATCH


def score_measures(golds: list[dict], preds: list[dict]) -> tuple[int, int]:
    """Matched measures and how many of those carry the right period."""
    golds = [m for m in golds if isinstance(m, dict)]
    preds = [m for m in preds if isinstance(m, dict)]

    def s(g, p):
        if not measure_matches(g, p):
            return 0.0
        bonus = 0.5 if years(g.get("period")) == years(p.get("period")) else 0.0
        bonus += 0.25 if norm(g.get("label")) == norm(p.get("label")) else 0.0
        return 1.0 + bonus

    pairs = greedy_match(golds, preds, s, 1.0)
    good_period = sum(
        1 for i, j in pairs.items() if years(golds[i].get("period")) == years(preds[j].get("period"))
    )
    return len(pairs), good_period


def score_document(gold: dict, pred: dict) -> dict[str, float | None]:
    gnodes, pnodes = flatten(gold), flatten(pred)
    nmatch = greedy_match(gnodes, pnodes, lambda a, b: sim(a.title, b.title), TITLE_MATCH)
    m: dict[str, float | None] = {}
    m["nodes"] = f1(len(nmatch), len(gnodes), len(pnodes))
    m["levels"] = ratio(sum(1 for i, j in nmatch.items() if gnodes[i].level == pnodes[j].level), len(nmatch))

    ctx_scores = []
    for i, j in nmatch.items():
        wanted = [a for a in gnodes[i].ancestors if a] + ([gnodes[i].unit] if gnodes[i].unit else [])
        if not wanted:
            continue
        have = pnodes[j].ancestors + ([pnodes[j].unit] if pnodes[j].unit else [])
        ctx_scores.append(sum(1 for a in wanted if any(sim(a, h) >= TITLE_MATCH for h in have)) / len(wanted))
    m["context"] = sum(ctx_scores) / len(ctx_scores) if ctx_scores else None

    gind = [(gi, ind) for gi, n in enumerate(gnodes) for ind in n.indicators]
    pind = [(pi, ind) for pi, n in enumerate(pnodes) for ind in n.indicators]

    def ind_score(a, b):
        s = sim(norm(a[1].get("name")), norm(b[1].get("name")))
        if s < TITLE_MATCH:
            return 0.0
        return s + (0.2 if nmatch.get(a[0]) == b[0] else 0.0)

    imatch = greedy_match(gind, pind, ind_score, TITLE_MATCH)
    m["indicators"] = f1(len(imatch), len(gind), len(pind))
    m["placement"] = ratio(
        sum(1 for i, j in imatch.items() if nmatch.get(gind[i][0]) == pind[j][0]), len(imatch)
    )

    base_total = base_hit = 0
    tgt_gold = tgt_pred = tgt_hit = tgt_period = 0
    act_gold = act_pred = act_hit = 0
    for i, (_, g) in enumerate(gind):
        j = imatch.get(i)
        p = pind[j][1] if j is not None else {}
        if isinstance(g.get("baseline"), dict):
            base_total += 1
            if isinstance(p.get("baseline"), dict) and measure_matches(g["baseline"], p["baseline"]):
                base_hit += 1
        gs = g.get("baseline_series") or []
        base_total += len(gs)
        base_hit += score_measures(gs, p.get("baseline_series") or [])[0]
        gt, pt = g.get("targets") or [], p.get("targets") or []
        hit, good = score_measures(gt, pt)
        tgt_gold, tgt_hit, tgt_period = tgt_gold + len(gt), tgt_hit + hit, tgt_period + good
        ga, pa = g.get("actuals") or [], p.get("actuals") or []
        act_gold, act_hit = act_gold + len(ga), act_hit + score_measures(ga, pa)[0]
    for _, p in pind:
        tgt_pred += len(p.get("targets") or [])
        act_pred += len(p.get("actuals") or [])
    m["baselines"] = ratio(base_hit, base_total)
    m["targets"] = f1(tgt_hit, tgt_gold, tgt_pred)
    m["target_periods"] = ratio(tgt_period, tgt_hit)
    m["actuals"] = f1(act_hit, act_gold, act_pred)

    prog_gold = sum(len(n.raw.get("progress") or []) for n in gnodes)
    prog_pred = sum(len(n.raw.get("progress") or []) for n in pnodes)
    prog_hit = 0
    resp_scores, sched_total, sched_hit, ms_gold, ms_hit = [], 0, 0, 0, 0
    for i, n in enumerate(gnodes):
        j = nmatch.get(i)
        p = pnodes[j].raw if j is not None else {}
        gp = [norm(x.get("text")) for x in n.raw.get("progress") or [] if isinstance(x, dict)]
        pp = [norm(x.get("text")) for x in p.get("progress") or [] if isinstance(x, dict)]
        prog_hit += len(
            greedy_match(
                gp,
                pp,
                lambda a, b: 1.0 if (a in b or b in a) and min(len(a), len(b)) > 20 else sim(a, b),
                TEXT_MATCH,
            )
        )
        gr = [norm(x) for x in n.raw.get("responsible") or [] if isinstance(x, str)]
        if gr:
            pr = [norm(x) for x in p.get("responsible") or [] if isinstance(x, str)]
            resp_scores.append(f1(len(greedy_match(gr, pr, sim, TITLE_MATCH)), len(gr), len(pr)) or 0.0)
        if n.raw.get("schedule"):
            sched_total += 1
            sched_hit += sim(norm(n.raw["schedule"]), norm(p.get("schedule"))) >= TITLE_MATCH
        gm = [norm(x.get("title")) for x in n.raw.get("milestones") or [] if isinstance(x, dict)]
        pm = [norm(x.get("title")) for x in p.get("milestones") or [] if isinstance(x, dict)]
        ms_gold += len(gm)
        ms_hit += len(greedy_match(gm, pm, sim, TITLE_MATCH))
    m["progress"] = f1(prog_hit, prog_gold, prog_pred)
    m["responsible"] = sum(resp_scores) / len(resp_scores) if resp_scores else None
    m["schedule"] = ratio(sched_hit, sched_total)
    m["milestones"] = ratio(ms_hit, ms_gold)

    parts = [(WEIGHTS[k], m[k]) for k in WEIGHTS if m.get(k) is not None]
    m["score"] = sum(w * v for w, v in parts) / sum(w for w, _ in parts) if parts else 0.0
    m["gold_size"] = len(gnodes) + len(gind)
    return m


def load(path: Path) -> dict:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return data if isinstance(data, dict) else {}


def run_cmd(cmd: str, source: Path, timeout: float) -> dict:
    argv = [a.replace("{}", str(source)) for a in shlex.split(cmd)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        print(
            f"  {source.name}: command failed ({done.returncode}): {done.stderr.strip()[-300:]}",
            file=sys.stderr,
        )
        return {}
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError as exc:
        print(f"  {source.name}: output is not JSON: {exc}", file=sys.stderr)
        return {}
    return data if isinstance(data, dict) else {}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="?")
    ap.add_argument("pred", nargs="?")
    ap.add_argument("--gold-dir")
    ap.add_argument("--pred-dir")
    ap.add_argument("--corpus-dir")
    ap.add_argument("--cmd")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--json", action="store_true", help="print the metrics as JSON")
    args = ap.parse_args(argv)

    results: dict[str, dict] = {}
    if args.gold and args.pred:
        results[Path(args.gold).stem] = score_document(load(Path(args.gold)), load(Path(args.pred)))
    elif args.gold_dir and (args.pred_dir or (args.corpus_dir and args.cmd)):
        for gpath in sorted(Path(args.gold_dir).glob("*.json")):
            if args.pred_dir:
                ppath = Path(args.pred_dir) / gpath.name
                pred = load(ppath) if ppath.exists() else {}
            else:
                sources = sorted(Path(args.corpus_dir).glob(gpath.stem + ".*"))
                pred = run_cmd(args.cmd, sources[0], args.timeout) if sources else {}
            results[gpath.stem] = score_document(load(gpath), pred)
    else:
        ap.error("give GOLD PRED, or --gold-dir with --pred-dir, or --gold-dir with --corpus-dir and --cmd")

    total = sum(r["gold_size"] for r in results.values()) or 1
    overall = sum(r["score"] * r["gold_size"] for r in results.values()) / total
    if args.json:
        print(json.dumps({"documents": results, "score": overall}, indent=2, ensure_ascii=False))
        return 0
    keys = list(WEIGHTS) + ["levels", "placement", "target_periods", "actuals", "score"]
    names = list(results)
    print("metric".ljust(16) + "".join(n[:22].rjust(24) for n in names))
    for k in keys:
        row = [results[n].get(k) for n in names]
        print(k.ljust(16) + "".join(("-" if v is None else f"{v:.3f}").rjust(24) for v in row))
    print(f"score: {overall:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
