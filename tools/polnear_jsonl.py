#!/usr/bin/env python3
"""PolNeAR texts as JSONL articles, for benchmarking `hearsay ingest`.

    python3 tools/polnear_jsonl.py ../shared/data/polnear train /tmp/polnear-train.jsonl [--copies N]

One line per article of the split: {"id", "text", "title", "outlet", "published", "author",
"url"}, from SPLIT/text/NAME.txt and metadata.tsv. With --copies N the corpus is written N
times with distinct ids (and a copy number in the title, so every copy is a new document).
The output holds copyrighted text: write it outside the repository (/tmp) and never commit it.
"""
import csv
import json
import pathlib
import sys


def main():
    args = sys.argv[1:]
    copies = 1
    if "--copies" in args:
        i = args.index("--copies")
        copies = int(args[i + 1])
        del args[i : i + 2]
    if len(args) != 3:
        sys.exit(__doc__)
    root, split, out = pathlib.Path(args[0]), args[1], pathlib.Path(args[2])
    meta = {}
    with open(root / "metadata.tsv", newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            meta[row["filename"]] = row
    texts = sorted((root / split / "text").glob("*.txt"))
    with open(out, "w", encoding="utf-8") as w:
        for copy in range(copies):
            for path in texts:
                m = meta.get(path.stem, {})
                clean = lambda k: (m.get(k) or None) if m.get(k) != "None" else None
                rec = {
                    "id": path.stem if copies == 1 else f"{path.stem}#{copy}",
                    "text": path.read_text(encoding="utf-8"),
                    "title": clean("title") if copies == 1 else f"{clean('title')} [{copy}]",
                    "outlet": clean("publisher"),
                    "published": clean("publication_date"),
                    "author": clean("author"),
                }
                w.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"{out}: {copies * len(texts)} articles", file=sys.stderr)


if __name__ == "__main__":
    main()
