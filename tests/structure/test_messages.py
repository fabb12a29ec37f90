#!/usr/bin/env python3
"""Walks every message id of the two catalogs (src/lib/msgtext.h, src/cli/climsg.h)
and every Chinese text of the sources and the shipped rule tables.

Fails when a message has no Chinese text, when its two formats take different
conversions, when Chinese text uses half-width punctuation next to Chinese
words, when it uses a term docs/i18n.md replaced, when an id is unused, or when
a message function is called with a literal instead of a catalog id (a message
that would bypass the catalog and stay English)."""
import os
import re
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
CATALOGS = ["src/lib/msgtext.h", "src/cli/climsg.h"]
# Functions whose message arguments must be catalog ids.
MSG_FUNCS = ["dsi_diag_say", "dsi_problem_say", "dsi_tr", "cli_say", "cli_say_at", "cli_tr", "say", "say_at",
             "dsi_say", "cli_errorf", "cli_errorf_lang", "cli_located", "dsi_diag_set", "dsi_problem_add",
             "jsay", "psay", "ysay", "dsi_buf_say"]
# Terms replaced by one word per concept (docs/i18n.md): replaced -> kept.
REPLACED = {"两害相权": "备选", "回退模型": "备选", "工作负载规范": "工作负载描述", "是否指": "是否想写",
            "是否想输入": "是否想写"}

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d]")
HAN = re.compile(r"[\u4e00-\u9fff]")
SPEC = re.compile(r"%(?:\d+\$)?[-+ #0]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfgGcsp%]")
LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')

failures = []


def fail(msg):
    failures.append(msg)


def unescape(s):
    return re.sub(r'\\(.)', lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), s)


def defines(path):
    """(id, [literal groups split at top-level commas], line) of every #define M_..."""
    text = open(os.path.join(ROOT, path), encoding="utf-8").read()
    text = text.replace("\\\n", " ")
    out = []
    for ln, line in enumerate(text.split("\n"), 1):
        m = re.match(r"#define\s+(M_\w+)\s+(.*)$", line)
        if not m:
            continue
        body, groups, cur, pos = m.group(2), [], [], 0
        while pos < len(body):
            c = body[pos]
            if c == '"':
                lm = LIT.match(body, pos)
                cur.append(unescape(lm.group(1)))
                pos = lm.end()
            elif c == ",":
                groups.append("".join(cur))
                cur = []
                pos += 1
            elif body.startswith("/*", pos):
                break
            else:
                pos += 1
        groups.append("".join(cur))
        out.append((m.group(1), groups, ln))
    return out


def punct_problems(zh):
    """Half-width punctuation next to Chinese text: 'a,中' or '(数'."""
    bad = []
    t = SPEC.sub("X", zh)
    for i, c in enumerate(t):
        if c not in ",;:()!?":
            continue
        prev = t[i - 1] if i else ""
        nxt = t[i + 1] if i + 1 < len(t) else ""
        if c in "(" and nxt and CJK.match(nxt):
            bad.append(c)
        elif c in ")" and prev and CJK.match(prev):
            bad.append(c)
        elif c in ",;:!?" and prev and CJK.match(prev):
            bad.append(c)
    return bad


def check_zh_text(where, zh):
    for c in punct_problems(zh):
        fail(f"{where}: half-width '{c}' in Chinese text {zh!r}; use its full-width form")
    for old, new in REPLACED.items():
        if old in zh:
            fail(f"{where}: '{old}' in {zh!r}; the term is '{new}' (docs/i18n.md)")


ids = {}
for cat in CATALOGS:
    for mid, groups, ln in defines(cat):
        where = f"{cat}:{ln}: {mid}"
        if mid in ids:
            fail(f"{where}: defined twice")
        ids[mid] = cat
        if len(groups) != 2:
            fail(f"{where}: expected \"English\", \"中文\", found {len(groups)} strings")
            continue
        en, zh = groups
        if not en:
            fail(f"{where}: no English text")
        if not CJK.search(zh):
            fail(f"{where}: no Chinese text ({zh!r})")
        if SPEC.findall(en) != SPEC.findall(zh):
            fail(f"{where}: conversions differ: {SPEC.findall(en)} vs {SPEC.findall(zh)}")
        check_zh_text(where, zh)

if len(ids) < 2:
    fail("the catalogs hold no messages")

# Every id is used; no message function takes a literal.
sources = []
for d in ("src/lib", "src/cli"):
    for name in sorted(os.listdir(os.path.join(ROOT, d))):
        if name.endswith(".c"):
            sources.append(os.path.join(d, name))
used = set()
call = re.compile(r"\b(" + "|".join(MSG_FUNCS) + r")\s*\(")
for src in sources:
    text = open(os.path.join(ROOT, src), encoding="utf-8").read()
    used.update(re.findall(r"\bM_\w+", text))
    for m in call.finditer(text):
        # the arguments up to the first catalog id or string literal
        rest = text[m.end():m.end() + 400]
        lit = rest.find('"')
        mid = re.search(r"\bM_\w+", rest)
        semi = rest.find(";")
        litm = LIT.match(rest, lit) if lit >= 0 else None
        words = litm and re.search(r"[A-Za-z\u4e00-\u9fff]", SPEC.sub("", unescape(litm.group(1))))
        if words and (semi < 0 or lit < semi) and (mid is None or lit < mid.start()):
            line = text.count("\n", 0, m.start()) + 1
            # a definition or prototype of the function itself is no call
            head = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
            if re.search(r"\b(static|void|int|const|char)\b", head) and "=" not in head and "return" not in head:
                continue
            fail(f"{src}:{line}: {m.group(1)}() with a literal message; add it to a catalog")
    # every other Chinese literal in the sources follows the same rules
    for ln, line in enumerate(text.split("\n"), 1):
        for lm in LIT.finditer(line):
            s = unescape(lm.group(1))
            if HAN.search(s):
                check_zh_text(f"{src}:{ln}", s)
for mid, cat in ids.items():
    if mid not in used:
        fail(f"{cat}: {mid} is never used")

# The shipped rule tables' Chinese texts.
for name in sorted(os.listdir(os.path.join(ROOT, "rules"))):
    if not name.endswith((".yaml", ".yml")):
        continue
    for ln, line in enumerate(open(os.path.join(ROOT, "rules", name), encoding="utf-8"), 1):
        for m in re.finditer(r'zh:\s*"((?:[^"\\]|\\.)*)"', line):
            check_zh_text(f"rules/{name}:{ln}", unescape(m.group(1)))

for f in failures:
    print("FAIL", f)
print(f"{len(ids)} messages, {len(failures)} problems")
sys.exit(1 if failures else 0)
