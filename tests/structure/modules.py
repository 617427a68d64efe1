#!/usr/bin/env python3
"""The module rules of lib/src (docs/design.md, "Shape"), checked.

A module is X.c/X.cc with X.h. X depends on Y when X includes "Y.h" or
calls a function defined in Y. The rules:
  1. no cycle: no modules that depend on each other, directly or not;
  2. the search side does not depend on the write side.
Prints the graph and the faults; exit 1 on any fault.
   modules.py lib/src
"""
import os
import re
import sys

SEARCH_SIDE = {"search", "shards", "query", "qparse", "qtree", "qmatch",
               "qwords", "xflat", "snippet"}
WRITE_SIDE = {"writer", "dbwriter", "route", "unseen", "ingest", "inputs"}
SHARED = {"vnsearch", "vns_internal"}  # the contract and the error calls


def module(name):
    return name.rsplit(".", 1)[0]


def strip_comments(text):
    return re.sub(r"/\*.*?\*/|//[^\n]*", "", text, flags=re.S)


def graph(src):
    files = [f for f in os.listdir(src) if f.endswith((".c", ".cc", ".h"))]
    text = {f: strip_comments(open(os.path.join(src, f)).read())
            for f in files}
    defined = {}
    for f in files:
        if not f.endswith(".h"):
            for name in re.findall(r"^\w[\w \*]*?\b(vns_\w+)\s*\(", text[f],
                                   re.M):
                defined.setdefault(name, module(f))
    deps = {}
    for f in files:
        a = module(f)
        for inc in re.findall(r'#include "([\w]+)\.h"', text[f]):
            if inc != a and inc not in SHARED:
                deps.setdefault(a, set()).add(inc)
        if not f.endswith(".h"):
            for name in set(re.findall(r"\b(vns_\w+)\s*\(", text[f])):
                b = defined.get(name)
                if b and b != a:
                    deps.setdefault(a, set()).add(b)
    return deps


def reach(deps, start):
    seen, todo = set(), [start]
    while todo:
        for b in deps.get(todo.pop(), ()):
            if b not in seen:
                seen.add(b)
                todo.append(b)
    return seen


def main():
    deps = graph(sys.argv[1])
    faults = []
    for a in sorted(deps):
        print(a, "->", " ".join(sorted(deps[a])))
        if a in reach(deps, a):
            faults.append("%s depends on itself through %s" % (
                a, " ".join(sorted(b for b in deps[a]
                                   if a in reach(deps, b)))))
        if a in SEARCH_SIDE:
            wrong = reach(deps, a) & WRITE_SIDE
            if wrong:
                faults.append("search side %s depends on the write side: %s"
                              % (a, " ".join(sorted(wrong))))
    for fault in faults:
        print("FAULT", fault)
    print("modules: %d faults" % len(faults))
    return 1 if faults else 0


if __name__ == "__main__":
    sys.exit(main())
