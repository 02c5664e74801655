#!/usr/bin/env python3
"""What each module of brief imports, and any ring among them.

    python3 bench/imports.py          # module by module, then files in rings (none, we hope)

Reads src/ for `use crate::...`, `use super::...` and inline `crate::x::` paths (tests
excluded), at two grains: top-level modules (config, content, model, ...) and files.
Exits 1 when two modules or two files import each other, directly or in a ring.
"""
import os, re, sys

SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")

def module_of(path):
    rel = os.path.relpath(path, SRC)[:-3]
    parts = rel.split(os.sep)
    if parts[-1] == "mod":
        parts = parts[:-1]
    return parts  # e.g. ["serve", "http"]

def files():
    for dirpath, _, names in os.walk(SRC):
        for name in names:
            if name.endswith(".rs") and name not in ("main.rs",):
                yield os.path.join(dirpath, name)

def code(path):
    text = open(path).read()
    cut = re.search(r"#\[cfg\((all\()?test\b", text)
    return text if cut is None else text[: cut.start()]

known = {tuple(module_of(p)): p for p in files()}

def resolve(parts):
    """The longest known module path that prefixes `parts`."""
    for n in range(len(parts), 0, -1):
        if tuple(parts[:n]) in known:
            return tuple(parts[:n])
    return None

def imports(path):
    me = module_of(path)
    found = set()
    text = code(path)
    # `use` trees: expand one level of braces
    for m in re.finditer(r"\buse\s+([^;]+);", text):
        tree = m.group(1).replace("\n", " ")
        heads = []
        b = tree.find("{")
        if b >= 0:
            base = tree[:b].rstrip(":").strip()
            for item in tree[b + 1 : tree.rfind("}")].split(","):
                item = item.strip().split(" as ")[0]
                if item and not item.startswith("{"):
                    heads.append(base + "::" + item if item != "self" else base)
        else:
            heads.append(tree.split(" as ")[0].strip())
        for h in heads:
            parts = [p for p in h.split("::") if p]
            if not parts:
                continue
            if parts[0] == "crate":
                target = resolve(parts[1:])
            elif parts[0] == "super":
                up = list(me)
                while parts and parts[0] == "super":
                    up, parts = up[:-1], parts[1:]
                target = resolve(up + parts)
            elif parts[0] == "self":
                target = resolve(list(me) + parts[1:])
            else:
                target = resolve(list(me) + parts)
            if target and list(target) != me:
                found.add(target)
    for m in re.finditer(r"\bcrate::([a-z_][a-z_0-9]*(?:::[a-z_][a-z_0-9]*)*)", text):
        target = resolve(m.group(1).split("::"))
        if target and list(target) != me:
            found.add(target)
    return found

graph = {tuple(module_of(p)): imports(p) for p in files()}

def rings(edges):
    index, low, stack, on, out = {}, {}, [], set(), []
    counter = [0]
    def visit(v):
        index[v] = low[v] = counter[0]; counter[0] += 1
        stack.append(v); on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w); low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop(); on.discard(w); comp.append(w)
                if w == v: break
            if len(comp) > 1:
                out.append(comp)
    sys.setrecursionlimit(10000)
    for v in list(edges):
        if v not in index:
            visit(v)
    return out

# Top-level modules: a file's imports counted for its top module.
top = {}
for m, targets in graph.items():
    t = top.setdefault(m[0], set())
    for x in targets:
        if x[0] != m[0]:
            t.add(x[0])
for m in sorted(top):
    print(f"{m:12} imports {', '.join(sorted(top[m])) or '-'}")
bad = False
for ring in rings(top):
    bad = True
    print("ring of modules:", " -> ".join(sorted(ring)))
for ring in rings(graph):
    bad = True
    print("ring of files:", " -> ".join("::".join(r) for r in sorted(ring)))
if not bad:
    print("no two modules or files import each other, directly or in a ring")
if os.environ.get("EDGES"):
    for m, t in sorted(graph.items()):
        print("::".join(m), "->", ", ".join(sorted("::".join(x) for x in t)))
sys.exit(1 if bad else 0)
