#!/usr/bin/env python3
"""Build text/NAME.txt, ann/NAME.json and metadata.tsv from src/NAME.spec.

Offsets are never written by hand: every span in a spec is an exact substring,
located by this script (see FORMAT.md, "Authoring specs"). stdlib only.
"""
import json, os, re, sys

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class SpecError(Exception):
    pass


def find_all(text, s):
    out, i = [], text.find(s)
    while i >= 0:
        out.append(i)
        i = text.find(s, i + 1)
    return out


def locate(text, expr):
    """'X' (unique), 'X#n' (n-th occurrence), 'X~~Y' (X inside unique Y), 'X~~Y#n'."""
    expr = expr.strip()
    if "~~" in expr:
        x, y = expr.split("~~", 1)
        ys, ye = locate(text, y)
        i = text[ys:ye].find(x)
        if i < 0:
            raise SpecError(f"{x!r} not inside {y!r}")
        return ys + i, ys + i + len(x)
    m = re.match(r"^(.*)#(\d+)$", expr, re.S)
    n = None
    if m:
        expr, n = m.group(1), int(m.group(2))
    occ = find_all(text, expr)
    if not occ:
        raise SpecError(f"not found: {expr!r}")
    if n is None:
        if len(occ) != 1:
            raise SpecError(f"ambiguous ({len(occ)}x): {expr!r}")
        n = 1
    if n > len(occ):
        raise SpecError(f"only {len(occ)} occurrences of {expr!r}")
    s = occ[n - 1]
    return s, s + len(expr)


def span(text, expr):
    s, e = locate(text, expr)
    return {"start": s, "end": e, "text": text[s:e]}


def build(path):
    raw = open(path, encoding="utf-8").read()
    head, body, ann = raw.split("\n---\n", 2)
    meta = dict(l.split(": ", 1) for l in head.strip().splitlines())
    text = body.strip("\n") + "\n"
    ents, atts, disputes = [], [], []
    for line in ann.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        try:
            if line.startswith("E"):
                eid, rest = line.split(" ", 1)
                typ, name, mentions = [p.strip() for p in rest.split(" | ", 2)]
                ms = []
                for m in mentions.split(" ; "):
                    m = m.strip()
                    if m.startswith("*"):
                        for s in find_all(text, m[1:]):
                            ms.append({"start": s, "end": s + len(m) - 1, "text": m[1:]})
                    else:
                        ms.append(span(text, m))
                ms.sort(key=lambda d: d["start"])
                ents.append({"id": eid, "name": name, "type": typ, "mentions": ms})
            elif line.startswith("A"):
                aid, rest = line.split(" ", 1)
                f = {}
                for part in rest.split(" | "):
                    k, v = part.split("=", 1)
                    f[k.strip()] = v.strip()
                a = {"id": aid,
                     "source": span(text, f["src"]) if f.get("src") else None,
                     "cue": span(text, f["cue"]) if f.get("cue") else None,
                     "content": [span(text, c) for c in f["con"].split(" ;; ")],
                     "kind": f["kind"],
                     "speaker": f.get("spk") or None,
                     "anonymous": None, "parent": f.get("parent") or None,
                     "via": f.get("via") or None, "channel": f.get("ch") or None,
                     "addressee": span(text, f["to"]) if f.get("to") else None,
                     "time": None}
                if f.get("anon"):
                    d, _, aff = f["anon"].rpartition("/")
                    a["anonymous"] = {"descriptor": span(text, d), "affiliation": None if aff in ("", "null") else aff}
                if f.get("time"):
                    t, _, d = f["time"].rpartition("/")
                    tm = {"text": span(text, t), "date": None, "range": None}
                    if ".." in d:
                        tm["range"] = d.split("..")
                    elif d and d != "null":
                        tm["date"] = d
                    a["time"] = tm
                atts.append(a)
            elif line.startswith("D "):
                _, by, target, cue = line.split(" ", 3)
                disputes.append({"by": by, "target": target,
                                 "cue": span(text, cue.split("=", 1)[1])})
            else:
                raise SpecError("bad line")
        except (SpecError, KeyError, ValueError) as e:
            raise SpecError(f"{path}: {line[:60]}...: {e}")
    return meta, text, {"date": meta["date"], "entities": ents,
                        "attributions": atts, "disputes": disputes}


def main():
    rows = []
    ok = True
    for fn in sorted(os.listdir(os.path.join(HERE, "src"))):
        if not fn.endswith(".spec"):
            continue
        name = fn[:-5]
        try:
            meta, text, doc = build(os.path.join(HERE, "src", fn))
        except SpecError as e:
            print(e, file=sys.stderr)
            ok = False
            continue
        with open(os.path.join(HERE, "text", name + ".txt"), "w", encoding="utf-8") as f:
            f.write(text)
        with open(os.path.join(HERE, "ann", name + ".json"), "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, indent=1)
            f.write("\n")
        rows.append(f"{name}.txt\t{meta['date']}\t{meta['outlet']}\t{meta['title']}")
    with open(os.path.join(HERE, "metadata.tsv"), "w", encoding="utf-8") as f:
        f.write("filename\tpublication_date\toutlet\ttitle\n")
        f.write("".join(r + "\n" for r in rows))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
