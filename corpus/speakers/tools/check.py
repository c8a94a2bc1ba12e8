#!/usr/bin/env python3
"""Validate corpus/speakers: text/*.txt, ann/*.json, metadata.tsv (stdlib only).

Usage: python3 tools/check.py [CORPUS_DIR]   exit status 1 on any error.
"""
import datetime, json, os, re, sys

TYPES = {"person", "organization", "media", "place", "group", "anonymous", "document"}
KINDS = {"direct", "indirect", "mixed", "according_to", "belief"}
CHANNELS = {"tweet", "statement", "interview", "briefing", "report", "post", None}


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(
        os.path.dirname(os.path.abspath(__file__)))
    errs = []
    def err(name, msg):
        errs.append(f"{name}: {msg}")

    def date_ok(s):
        try:
            return datetime.date.fromisoformat(s).isoformat() == s
        except (TypeError, ValueError):
            return False

    meta = {}
    lines = open(os.path.join(root, "metadata.tsv"), encoding="utf-8").read().splitlines()
    if lines[0].split("\t") != ["filename", "publication_date", "outlet", "title"]:
        err("metadata.tsv", "bad header")
    for l in lines[1:]:
        f = l.split("\t")
        if len(f) != 4 or not all(f):
            err("metadata.tsv", f"bad row {l!r}")
            continue
        if not date_ok(f[1]):
            err("metadata.tsv", f"bad date {f[1]}")
        meta[f[0][:-4]] = f
    texts = {n[:-4] for n in os.listdir(os.path.join(root, "text")) if n.endswith(".txt")}
    anns = {n[:-5] for n in os.listdir(os.path.join(root, "ann")) if n.endswith(".json")}
    for n in texts ^ anns:
        err(n, "text/ann mismatch")
    for n in texts ^ set(meta):
        err(n, "text/metadata mismatch")

    for name in sorted(texts & anns):
        text = open(os.path.join(root, "text", name + ".txt"), encoding="utf-8").read()
        if "\r" in text or not text.endswith("\n") or "\n\n" in text:
            err(name, "text must be one paragraph per line, LF, no blank lines")
        if '"' in text:
            err(name, "straight double quote in text (use curly quotes)")
        words = len(text.split())
        if not 250 <= words <= 600:
            err(name, f"{words} words (want 250-600)")
        try:
            d = json.load(open(os.path.join(root, "ann", name + ".json"), encoding="utf-8"))
        except ValueError as e:
            err(name, f"bad JSON: {e}")
            continue

        def sp(obj, where):
            if not isinstance(obj, dict) or set(obj) != {"start", "end", "text"}:
                err(name, f"{where}: not a span: {obj!r}")
                return False
            s, e = obj["start"], obj["end"]
            if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(text)):
                err(name, f"{where}: bad offsets {s}-{e}")
                return False
            if text[s:e] != obj["text"]:
                err(name, f"{where}: text {obj['text']!r} != {text[s:e]!r}")
                return False
            if (s > 0 and text[s - 1].isalnum()) or (e < len(text) and text[e].isalnum()):
                err(name, f"{where}: span {obj['text']!r} cuts a word")
            if "\n" in obj["text"]:
                err(name, f"{where}: span crosses a line break")
            if obj["text"] != obj["text"].strip():
                err(name, f"{where}: span has outer whitespace")
            return True

        if set(d) != {"date", "entities", "attributions", "disputes"}:
            err(name, f"top-level keys {sorted(d)}")
        if d.get("date") != meta.get(name, [None, None])[1]:
            err(name, "date differs from metadata.tsv")
        eids, aids = {}, {}
        for e in d.get("entities", []):
            if e["id"] in eids or not re.fullmatch(r"E\d+", e["id"]):
                err(name, f"bad/duplicate entity id {e['id']}")
            eids[e["id"]] = e
            if e.get("type") not in TYPES:
                err(name, f"{e['id']}: type {e.get('type')}")
            if not e.get("name") or not e.get("mentions"):
                err(name, f"{e['id']}: needs name and mentions")
            for i, m in enumerate(e.get("mentions", [])):
                sp(m, f"{e['id']}.mentions[{i}]")
        cue_spans = [a["cue"] for a in d.get("attributions", []) if isinstance(a, dict) and a.get("cue")]
        for e in d.get("entities", []):
            for m in e.get("mentions", []):
                for c in cue_spans:
                    if m["start"] < c["start"] < m["end"]:
                        err(name, f"{e['id']}: mention {m['text']!r} runs into the cue {c['text']!r} "
                            "(write it as X~~CONTEXT)")
        for a in d.get("attributions", []):
            if a["id"] in aids or not re.fullmatch(r"A\d+", a["id"]):
                err(name, f"bad/duplicate attribution id {a['id']}")
            aids[a["id"]] = a
        for a in aids.values():
            w = a["id"]
            keys = {"id", "source", "cue", "content", "kind", "speaker", "anonymous",
                    "parent", "via", "channel", "addressee", "time"}
            if set(a) != keys:
                err(name, f"{w}: keys {sorted(set(a) ^ keys)}")
                continue
            for k in ("source", "cue", "addressee"):
                if a[k] is not None:
                    sp(a[k], f"{w}.{k}")
            def overlap(x, y):
                return x is not None and y is not None and x["start"] < y["end"] and y["start"] < x["end"]
            for k in ("source", "addressee"):
                if overlap(a[k], a["cue"]):
                    err(name, f"{w}: {k} {a[k]['text']!r} overlaps the cue {a['cue']['text']!r} "
                        "(write the span as X~~CONTEXT)")
            if not a["content"]:
                err(name, f"{w}: empty content")
            for i, c in enumerate(a["content"]):
                sp(c, f"{w}.content[{i}]")
            if a["kind"] not in KINDS:
                err(name, f"{w}: kind {a['kind']}")
            if a["channel"] not in CHANNELS:
                err(name, f"{w}: channel {a['channel']}")
            if a["speaker"] is not None and a["speaker"] not in eids:
                err(name, f"{w}: unknown speaker {a['speaker']}")
            if a["source"] is not None and a["speaker"] is None and a["anonymous"] is None:
                err(name, f"{w}: source without speaker or anonymous descriptor")
            if a["source"] is None and a["speaker"] is not None:
                err(name, f"{w}: speaker without source")
            if a["source"] and a["speaker"] in eids:
                ss, se = a["source"]["start"], a["source"]["end"]
                if not any(m["start"] < se and ss < m["end"] for m in eids[a["speaker"]]["mentions"]):
                    err(name, f"{w}: source {a['source']['text']!r} overlaps no mention of {a['speaker']}")
            an = a["anonymous"]
            if an is not None:
                if set(an) != {"descriptor", "affiliation"}:
                    err(name, f"{w}: anonymous keys")
                else:
                    sp(an["descriptor"], f"{w}.anonymous.descriptor")
                    if an["affiliation"] is not None and an["affiliation"] not in eids:
                        err(name, f"{w}: unknown affiliation {an['affiliation']}")
                    if a["speaker"] in eids and eids[a["speaker"]]["type"] != "anonymous":
                        err(name, f"{w}: anonymous speaker entity must have type anonymous")
            elif a["speaker"] in eids and eids[a["speaker"]]["type"] == "anonymous":
                err(name, f"{w}: speaker of type anonymous but no anonymous descriptor")
            for k in ("parent", "via"):
                if a[k] is not None:
                    if a[k] not in aids or a[k] == w:
                        err(name, f"{w}: bad {k} {a[k]}")
            if a["parent"] in aids and a["cue"] is not None:
                p = aids[a["parent"]]
                cs = a["cue"]["start"]
                if not any(c["start"] <= cs < c["end"] for c in p["content"]):
                    err(name, f"{w}: cue not inside content of parent {a['parent']}")
            if a["parent"] and a["via"]:
                err(name, f"{w}: both parent and via")
            t = a["time"]
            if t is not None:
                if set(t) != {"text", "date", "range"}:
                    err(name, f"{w}: time keys")
                    continue
                sp(t["text"], f"{w}.time.text")
                if t["date"] is not None and t["range"] is not None:
                    err(name, f"{w}: time has both date and range")
                if t["date"] is not None and (not date_ok(t["date"]) or t["date"] > d["date"]):
                    err(name, f"{w}: bad time.date {t['date']}")
                if t["range"] is not None:
                    r = t["range"]
                    if (len(r) != 2 or not all(map(date_ok, r)) or r[0] > r[1]):
                        err(name, f"{w}: bad time.range {r}")
        # cycles in parent/via
        for a in aids.values():
            seen, cur = set(), a
            while cur is not None:
                if cur["id"] in seen:
                    err(name, f"{a['id']}: parent/via cycle")
                    break
                seen.add(cur["id"])
                nxt = cur.get("parent") or cur.get("via")
                cur = aids.get(nxt)
        for i, x in enumerate(d.get("disputes", [])):
            if set(x) != {"by", "target", "cue"}:
                err(name, f"disputes[{i}]: keys")
                continue
            if x["by"] not in aids or x["target"] not in aids or x["by"] == x["target"]:
                err(name, f"disputes[{i}]: bad ids {x['by']} -> {x['target']}")
            elif sp(x["cue"], f"disputes[{i}].cue"):
                by = aids[x["by"]]
                pieces = by["content"] + [by["cue"]] if by["cue"] else by["content"]
                cs, ce = x["cue"]["start"], x["cue"]["end"]
                if not any(p["start"] <= cs and ce <= p["end"] for p in pieces):
                    err(name, f"disputes[{i}]: cue not inside cue/content of {x['by']}")
    for e in errs:
        print(e)
    print(f"{len(texts)} articles, {len(errs)} errors", file=sys.stderr)
    sys.exit(1 if errs else 0)


if __name__ == "__main__":
    main()
