#!/usr/bin/env python3
"""Validate the hand annotations of the hearsay demo corpus.

Usage:  python3 corpus/demo/tools/check_ann.py [CORPUS_DIR]

CORPUS_DIR defaults to the folder above this script (corpus/demo). For every
text/NAME.txt there must be an ann/NAME.ann (and the other way round) and a row in
metadata.tsv. Each .ann file is checked for:

- T lines: `T<n>\t<Label> <start> <end>[;<start> <end>...]\t<text>`, a known label,
  offsets in code points, in range, pieces sorted, not overlapping and not empty,
  no piece crossing a line break, and the text field equal to the pieces of the
  .txt joined with one space (as brat writes discontinuous spans);
- E lines: `E<n>\tAttribution:T<a> Content:T<c> Cue:T<q> [Source:T<s>]` (or
  `Attribution-no-source:...` without a Source), every id defined, each role
  pointing at a T line of the same label, the anchor on the cue's span, exactly
  one Cue and one Content, at most one Source;
- univocality: no two attributions share a cue or content character, and no
  source overlaps another attribution's cue or content (a source may be the
  same span as another attribution's source);
- every T line used by some event.

Prints one line per article and a total; exits 1 on the first file with errors
after listing them all.
"""

import csv
import re
import sys
from pathlib import Path

T_LINE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
E_LINE = re.compile(r"^(E\d+)\t(.+)$")
LABELS = {"Source", "Cue", "Content", "Attribution", "Attribution-no-source"}


def check_file(text: str, ann: str) -> tuple[list[str], int]:
    """Return (errors, number of attributions) for one article."""
    errors: list[str] = []
    ents: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events = []
    for n, line in enumerate(ann.splitlines(), 1):
        if line.startswith("T"):
            m = T_LINE.match(line)
            if not m:
                errors.append(f"line {n}: malformed T line {line!r}")
                continue
            tid, label, offs, shown = m.groups()
            spans = [tuple(map(int, p.split())) for p in offs.split(";")]
            if tid in ents:
                errors.append(f"line {n}: {tid} defined twice")
            if label not in LABELS:
                errors.append(f"line {n}: unknown label {label}")
            for a, b in spans:
                if not 0 <= a < b <= len(text):
                    errors.append(f"line {n}: span {a} {b} empty or out of range")
                elif "\n" in text[a:b]:
                    errors.append(f"line {n}: span {a} {b} crosses a line break")
            if spans != sorted(spans) or any(b1 > a2 for (_, b1), (a2, _) in zip(spans, spans[1:])):
                errors.append(f"line {n}: pieces not sorted or overlapping")
            expected = " ".join(text[a:b] for a, b in spans)
            if shown != expected:
                errors.append(f"line {n}: text field {shown!r} != {expected!r}")
            ents[tid] = (label, spans)
        elif line.startswith("E"):
            m = E_LINE.match(line)
            if not m:
                errors.append(f"line {n}: malformed E line {line!r}")
                continue
            events.append((n, m.group(1), m.group(2).split()))
        elif line.strip():
            errors.append(f"line {n}: unexpected line {line!r}")

    used: set[str] = set()
    roles_per_attr = []
    for n, eid, args in events:
        pairs = [a.split(":", 1) for a in args]
        if any(len(p) != 2 for p in pairs):
            errors.append(f"line {n}: {eid}: argument without ROLE:ID")
            continue
        kind, anchor = pairs[0]
        roles: dict[str, list[str]] = {}
        for role, tid in pairs[1:]:
            roles.setdefault(role, []).append(tid)
        for _, tid in pairs:
            if tid not in ents:
                errors.append(f"line {n}: {eid} refers to undefined {tid}")
            used.add(tid)
        if any(tid not in ents for _, tid in pairs):
            continue
        if kind not in ("Attribution", "Attribution-no-source") or ents[anchor][0] != kind:
            errors.append(f"line {n}: {eid}: bad trigger {kind}:{anchor}")
        if set(roles) - {"Source", "Cue", "Content"}:
            errors.append(f"line {n}: {eid}: unexpected roles {sorted(roles)}")
        if len(roles.get("Cue", [])) != 1 or len(roles.get("Content", [])) != 1:
            errors.append(f"line {n}: {eid}: needs exactly one Cue and one Content")
            continue
        if len(roles.get("Source", [])) > 1:
            errors.append(f"line {n}: {eid}: more than one Source")
        if (kind == "Attribution") != ("Source" in roles):
            errors.append(f"line {n}: {eid}: {kind} does not match presence of a Source")
        for role, tids in roles.items():
            for tid in tids:
                if ents[tid][0] != role:
                    errors.append(f"line {n}: {eid}: {role} points at a {ents[tid][0]} line")
        if ents[anchor][1] != ents[roles["Cue"][0]][1]:
            errors.append(f"line {n}: {eid}: anchor span differs from the cue span")
        roles_per_attr.append(
            {role: ents[tids[0]][1] for role, tids in roles.items()} | {"_id": eid}
        )

    for tid in ents:
        if tid not in used:
            errors.append(f"{tid} is not used by any event")

    # Univocality: cue and content characters belong to one attribution only.
    owner: dict[int, str] = {}
    for attr in roles_per_attr:
        for role in ("Cue", "Content"):
            for a, b in attr[role]:
                for i in range(a, b):
                    if i in owner:
                        errors.append(f"{attr['_id']}: {role} overlaps {owner[i]} at {i}")
                        break
                    owner[i] = f"{attr['_id']} {role}"
    for attr in roles_per_attr:
        for a, b in attr.get("Source", []):
            hit = next((owner[i] for i in range(a, b) if i in owner), None)
            if hit:
                errors.append(f"{attr['_id']}: Source overlaps {hit}")
    return errors, len(events)


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    texts = {p.stem: p for p in sorted((root / "text").glob("*.txt"))}
    anns = {p.stem: p for p in sorted((root / "ann").glob("*.ann"))}
    with open(root / "metadata.tsv", encoding="utf-8", newline="") as f:
        meta = {r["filename"].removesuffix(".txt"): r for r in csv.DictReader(f, delimiter="\t")}
    failed = False
    for name in sorted(set(texts) | set(anns) | set(meta)):
        missing = [w for w, d in (("text", texts), ("ann", anns), ("metadata", meta)) if name not in d]
        if missing:
            print(f"{name}: missing {', '.join(missing)}")
            failed = True
            continue
        row = meta[name]
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["publication_date"] or "") or not row["outlet"] or not row["title"]:
            print(f"{name}: incomplete metadata row {row}")
            failed = True
    total = 0
    for name in sorted(set(texts) & set(anns)):
        text = texts[name].read_text(encoding="utf-8")
        errors, count = check_file(text, anns[name].read_text(encoding="utf-8"))
        total += count
        words = len(text.split())
        print(f"{name}\t{count} attributions\t{words} words\t{'OK' if not errors else 'ERRORS'}")
        for e in errors:
            print(f"  {e}")
        failed |= bool(errors)
    print(f"total\t{total} attributions in {len(texts)} articles")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
