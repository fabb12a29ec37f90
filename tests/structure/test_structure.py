#!/usr/bin/env python3
"""The library's shape, from the linker's view (nm), so that it cannot drift back:

  test_structure.py --lib OBJ... --cli OBJ... --so LIBDSSELECT_SO --headers DIR

- no cycle among the library's object files (one uses a symbol another defines);
- every global symbol the library defines starts with ds_ (public) or dsi_ (internal),
  every one the CLI defines with cli_;
- libdsselect.so exports exactly the functions the public headers declare;
- no library source includes a CLI header, no CLI source a library-private one;
- no library object calls cJSON_InitHooks (process-wide).
Each failure is one line; exit 1 if there is any.
"""
import os, re, subprocess, sys

def args():
    out, key = {"--lib": [], "--cli": [], "--so": [], "--headers": [], "--src": []}, None
    for a in sys.argv[1:]:
        if a in out:
            key = a
        elif key:
            out[key].extend(x for x in a.split(";") if x)
    return out

def nm(path, *flags):
    res = subprocess.run(["nm", *flags, path], capture_output=True, text=True, check=True)
    return [l.split() for l in res.stdout.splitlines() if l.strip()]

def name_of(obj):
    b = os.path.basename(obj)
    return b[:-2] if b.endswith(".o") else b

def cycles(objs):
    defs, uses = {}, {}
    for o in objs:
        n = name_of(o)
        uses[n] = set()
        for p in nm(o, "-g"):
            if len(p) == 2 and p[0] == "U":
                uses[n].add(p[1])
            elif len(p) == 3 and p[1] in "TDBRC":
                defs[p[2]] = n
    edges = {n: {defs[s] for s in u if s in defs and defs[s] != n} for n, u in uses.items()}
    # any node that reaches itself
    found = []
    for start in sorted(edges):
        seen, todo = set(), list(edges[start])
        while todo:
            v = todo.pop()
            if v == start:
                found.append(start)
                break
            if v not in seen:
                seen.add(v)
                todo.extend(edges[v])
    return edges, found

def defined(objs):
    for o in objs:
        for p in nm(o, "-g", "--defined-only"):
            # names the compiler makes (AddressSanitizer's __odr_asan.*, ...) are not the code's
            if len(p) == 3 and not p[2].startswith("__"):
                yield name_of(o), p[2]

def public_functions(hdir):
    names = set()
    for root, _, files in os.walk(hdir):
        for f in files:
            if f.endswith(".h"):
                text = open(os.path.join(root, f), encoding="utf-8").read()
                text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
                names |= set(re.findall(r"\b(ds_\w+)\s*\(", text))
    return names

def main():
    a = args()
    bad = []
    edges, cyc = cycles(a["--lib"])
    for n in cyc:
        bad.append(f"cycle: {n} uses, through {', '.join(sorted(edges[n]))}, a file that uses it")
    for o in a["--lib"]:  # cJSON's hooks are process-wide: a library must not set them
        if any(len(p) == 2 and p[1] == "cJSON_InitHooks" for p in nm(o, "-g")):
            bad.append(f"{name_of(o)} calls cJSON_InitHooks, which changes every cJSON user in the process")
    for o, s in defined(a["--lib"]):
        if not (s.startswith("ds_") or s.startswith("dsi_")):
            bad.append(f"library symbol without ds_/dsi_: {s} ({o})")
        if s.startswith("ds__"):
            bad.append(f"library symbol {s} ({o}): internal ones are dsi_, not ds__")
    for o, s in defined(a["--cli"]):
        if not s.startswith("cli_"):
            bad.append(f"CLI symbol without cli_: {s} ({o})")
    if a["--so"]:
        exported = {p[2] for p in nm(a["--so"][0], "-D", "--defined-only") if len(p) == 3 and p[1] in "TDBR"}
        declared = public_functions(a["--headers"][0])
        # a declaration in a comment-free header that names a typedef'd function pointer is not a symbol
        for s in sorted(exported - declared):
            bad.append(f"libdsselect.so exports {s}, which no public header declares")
        for s in sorted(declared - exported):
            bad.append(f"a public header declares {s}, which libdsselect.so does not export")
    for src in a["--src"]:
        for root, _, files in os.walk(src):
            for f in files:
                if not f.endswith((".c", ".h")):
                    continue
                path = os.path.join(root, f)
                incs = re.findall(r'#include "([^"]+)"', open(path, encoding="utf-8").read())
                here = set(os.listdir(root))
                for i in incs:
                    if i not in here and not i.startswith("dsselect"):
                        bad.append(f"{path}: includes \"{i}\", which is not beside it (src/lib and src/cli keep to "
                                   "their own headers and the public ones)")
    for b in bad:
        print(b)
    print(f"{len(a['--lib'])} library objects, {sum(len(e) for e in edges.values())} uses, "
          f"{len(cyc)} in a cycle; {len(bad)} problem(s)")
    return 1 if bad else 0

if __name__ == "__main__":
    sys.exit(main())
