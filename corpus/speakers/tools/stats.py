#!/usr/bin/env python3
"""Print the corpus counts quoted in README.md (stdlib only)."""
import collections, glob, json, os

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
tot = collections.Counter()
types, kinds, chans = collections.Counter(), collections.Counter(), collections.Counter()
PRON = {"he", "she", "it", "they", "i", "we", "who", "which", "its"}
print("article\twords\tattributions\tentities\tmentions\tanonymous\tnested\trelayed\tdisputes\ttimed")
for f in sorted(glob.glob(os.path.join(root, "ann", "*.json"))):
    d = json.load(open(f, encoding="utf-8"))
    name = os.path.basename(f)[:-5]
    A = d["attributions"]
    words = len(open(os.path.join(root, "text", name + ".txt"), encoding="utf-8").read().split())
    c = collections.Counter(
        articles=1, words=words, attributions=len(A), entities=len(d["entities"]),
        mentions=sum(len(e["mentions"]) for e in d["entities"]),
        with_source=sum(a["source"] is not None for a in A),
        pronoun_sources=sum(a["source"] is not None and a["source"]["text"].lower() in PRON for a in A),
        anonymous=sum(a["anonymous"] is not None for a in A),
        nested=sum(a["parent"] is not None for a in A),
        relayed=sum(a["via"] is not None for a in A),
        disputes=len(d["disputes"]), timed=sum(a["time"] is not None for a in A),
        addressee=sum(a["addressee"] is not None for a in A))
    tot.update(c)
    types.update(e["type"] for e in d["entities"])
    kinds.update(a["kind"] for a in A)
    chans.update(str(a["channel"]) for a in A)
    print("\t".join(map(str, [name, words, c["attributions"], c["entities"], c["mentions"],
                              c["anonymous"], c["nested"], c["relayed"], c["disputes"], c["timed"]])))
print("\ntotal:", dict(tot))
print("entity types:", dict(types))
print("kinds:", dict(kinds))
print("channels:", dict(chans))
