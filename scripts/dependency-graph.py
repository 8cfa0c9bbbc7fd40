#!/usr/bin/env python3
"""Folder-level dependency graph of Sources/Tradeable, from the top-level declarations (types and free functions) each
folder makes and the names each file uses. Prints the edges (`Costs -> Risk` = a file under Costs/ uses a name declared under Risk/) and exits non-zero
when an edge points to a later stage than the file's own, so the layout stays a DAG that follows the pipeline.

Usage: scripts/dependency-graph.py [--dot]
"""
import os, re, sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "Tradeable")
# Pipeline order: a folder may use names of itself and of folders before it, never after.
ORDER = ["Support", "Data", "Synthetic", "Risk", "Costs", "Filters", "Selection", "Pipeline", "Trading", "Report"]

DECL = re.compile(
    r"^(?:public\s+|internal\s+|fileprivate\s+|private\s+|final\s+|indirect\s+|@\w+\s+)*"
    r"(?:struct|enum|class|protocol|actor|typealias|func)\s+([A-Za-z_][A-Za-z0-9_]*)",
    re.M)
IDENT = re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*\b")
COMMENT = re.compile(r"//.*?$|/\*.*?\*/", re.S | re.M)
STRING = re.compile(r'"(?:\\.|[^"\\])*"')


def folder_of(path):
    rel = os.path.relpath(path, ROOT)
    return rel.split(os.sep)[0]


def files():
    for base, _, names in os.walk(ROOT):
        for n in sorted(names):
            if n.endswith(".swift"):
                yield os.path.join(base, n)


def main():
    declared = {}  # name -> folder (top-level declarations only: no leading indentation)
    texts = {}
    for f in files():
        text = open(f, encoding="utf-8").read()
        texts[f] = text
        for m in DECL.finditer(text):
            declared.setdefault(m.group(1), folder_of(f))
    edges = {}
    for f, text in texts.items():
        src = folder_of(f)
        body = STRING.sub('""', COMMENT.sub("", text))
        for name in set(IDENT.findall(body)):
            dst = declared.get(name)
            if dst and dst != src:
                edges.setdefault((src, dst), set()).add(name)
    bad = []
    for (src, dst), names in sorted(edges.items()):
        forward = src in ORDER and dst in ORDER and ORDER.index(dst) > ORDER.index(src)
        if forward:
            bad.append((src, dst, names))
    if "--dot" in sys.argv:
        print("digraph Tradeable {")
        for (src, dst) in sorted(edges):
            print(f'  "{src}" -> "{dst}";')
        print("}")
    else:
        for (src, dst), names in sorted(edges.items()):
            print(f"{src} -> {dst}: {', '.join(sorted(names)[:6])}{' …' if len(names) > 6 else ''}")
    sys.stdout.flush()
    unknown = sorted({folder_of(f) for f in texts} - set(ORDER))
    if unknown:
        print("folders not in the pipeline order: " + ", ".join(unknown), file=sys.stderr)
    for src, dst, names in bad:
        print(f"error: {src} uses {dst}, a later stage: {', '.join(sorted(names))}", file=sys.stderr)
    sys.exit(1 if bad or unknown else 0)


if __name__ == "__main__":
    main()
