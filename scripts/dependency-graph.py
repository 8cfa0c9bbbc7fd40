#!/usr/bin/env python3
"""Folder-level dependency graph of Sources/Tradeable, from the top-level declarations (types and free functions) each
folder makes and the names each file uses. Prints the edges (`Costs -> Risk` = a file under Costs/ uses a name declared
under Risk/; a subfolder such as Data/Funds/ belongs to its top folder) and exits non-zero when an edge points to a
later stage than the file's own, so the layout stays a DAG that follows the pipeline.

It also checks the module above the core: Sources/FundResearch may import only Tradeable and what Tradeable is built on
(LinearAlgebra, the C library), and no file of Sources/Tradeable may import FundResearch or use a name it declares.
Its edges into the core are printed as `FundResearch -> Data: …`.

Usage: scripts/dependency-graph.py [--dot]
"""
import os, re, sys

SOURCES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources")
ROOT = os.path.join(SOURCES, "Tradeable")
RESEARCH = os.path.join(SOURCES, "FundResearch")
# What FundResearch may import: the core, the numerical layer under it, the C library, and the test framework never.
RESEARCH_IMPORTS = {"Tradeable", "LinearAlgebra", "Glibc", "Darwin"}
IMPORT = re.compile(r"^\s*(?:@\w+\s+)*import\s+(?:(?:struct|enum|class|protocol|func|var|let|typealias)\s+)?(\w+)", re.M)
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


def files(root=ROOT):
    for base, _, names in sorted(os.walk(root)):
        for n in sorted(names):
            if n.endswith(".swift"):
                yield os.path.join(base, n)


def research_check(declared):
    """Edges from FundResearch into the core's folders, and the errors of the module boundary."""
    research_declared = {}
    texts = {}
    for f in files(RESEARCH):
        text = open(f, encoding="utf-8").read()
        texts[f] = text
        for m in DECL.finditer(text):
            research_declared.setdefault(m.group(1), os.path.relpath(f, SOURCES))
    errors = []
    edges = {}
    for f, text in texts.items():
        body = STRING.sub('""', COMMENT.sub("", text))
        for module in IMPORT.findall(body):
            if module not in RESEARCH_IMPORTS:
                errors.append(f"{os.path.relpath(f, SOURCES)} imports {module}: FundResearch may import only "
                              + ", ".join(sorted(RESEARCH_IMPORTS)))
        for name in set(IDENT.findall(body)):
            dst = declared.get(name)
            if dst and name not in research_declared:
                edges.setdefault(("FundResearch", dst), set()).add(name)
    # The core never refers to the research module.
    only_research = {n: where for n, where in research_declared.items() if n not in declared}
    for f in files(ROOT):
        body = STRING.sub('""', COMMENT.sub("", open(f, encoding="utf-8").read()))
        if "FundResearch" in IMPORT.findall(body):
            errors.append(f"{os.path.relpath(f, SOURCES)} imports FundResearch: the core never depends on it")
        used = sorted(set(IDENT.findall(body)) & set(only_research))
        if used:
            errors.append(f"{os.path.relpath(f, SOURCES)} uses {', '.join(used)}, declared in FundResearch")
    return edges, errors


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
    research_edges, research_errors = research_check(declared)
    bad = []
    for (src, dst), names in sorted(edges.items()):
        forward = src in ORDER and dst in ORDER and ORDER.index(dst) > ORDER.index(src)
        if forward:
            bad.append((src, dst, names))
    if "--dot" in sys.argv:
        print("digraph Tradeable {")
        for (src, dst) in sorted(edges) + sorted(research_edges):
            print(f'  "{src}" -> "{dst}";')
        print("}")
    else:
        for (src, dst), names in sorted(edges.items()) + sorted(research_edges.items()):
            print(f"{src} -> {dst}: {', '.join(sorted(names)[:6])}{' …' if len(names) > 6 else ''}")
    sys.stdout.flush()
    unknown = sorted({folder_of(f) for f in texts} - set(ORDER))
    if unknown:
        print("folders not in the pipeline order: " + ", ".join(unknown), file=sys.stderr)
    for src, dst, names in bad:
        print(f"error: {src} uses {dst}, a later stage: {', '.join(sorted(names))}", file=sys.stderr)
    for error in research_errors:
        print(f"error: {error}", file=sys.stderr)
    sys.exit(1 if bad or unknown or research_errors else 0)


if __name__ == "__main__":
    main()
