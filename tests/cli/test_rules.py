#!/usr/bin/env python3
"""Tests of the rule table as a product, through the built binary: dsselect rules
check|test|list|show, and --explain on a decision (docs/rules.md, docs/output.md).

usage: python3 tests/cli/test_rules.py PATH/TO/dsselect PATH/TO/tests/data

Mostly data-driven:
  CHECK_TABLES   tables for 'rules check' with every problem expected in them (line,
                 column, severity, code, a piece of the message, the text found at
                 that position in the file, and for a contradiction the two rules
                 its witness must fire); each is checked in text, JSON and --strict,
                 and every witness is run through dsselect.
  DEFAULT_RULES  the rules of the embedded table, in table order, for rules list,
                 rules show and --explain.
  SHOW_CASES     rules show / rules <typo> runs and what they must print.
The tables are tests/data/rules/check-*.yaml (small variants of valid-mini.yaml
or of rules/deepseek-v1-v2.yaml; each says in a comment what it plants), plus
every bad-*.yaml and custom-bad-*.yaml, which 'rules check' must refuse exactly
as dsselect --rules does.
Prints each failure and ends with one line 'N passed, M failed'; exit 1 on any failure.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from columns import table_misaligned, width  # noqa: E402

if len(sys.argv) != 3:
    sys.stderr.write("usage: test_rules.py PATH/TO/dsselect PATH/TO/tests/data\n")
    sys.exit(64)
BIN = os.path.abspath(sys.argv[1])
DATA = os.path.abspath(sys.argv[2])
RULES = os.path.join(DATA, "rules")
DEFAULT_TABLE = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                              "rules", "deepseek-v1-v2.yaml"))
CUSTOM = os.path.join(RULES, "custom-context.yaml")
CJK_TABLE = os.path.join(RULES, "custom-cjk.yaml")  # CJK refs, classes, model ids, values, unit
LOCALE_VARS = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")
CJK = re.compile("[\u4e00-\u9fff]")
TMP = tempfile.mkdtemp(prefix="dsselect-rules-")
PROBLEM_RE = re.compile(r"^(.+):(\d+):(\d+): (error|warning): (.+)$")
PROBLEM_KEYS = ["file", "line", "column", "severity", "code", "message", "witness"]
WARNING_CODES = ("contradiction", "never-true", "always-true", "masked", "unused-fact", "no-example")
EXIT_CONFIG, EXIT_USAGE, EXIT_NOINPUT = 78, 64, 66


def R(name):
    return os.path.join(RULES, name)


class Res:
    def __init__(self, argv, code, out, err):
        self.argv, self.code, self.out, self.err = argv, code, out, err

    def __str__(self):
        return "$ " + " ".join(shlex.quote(a) for a in ["dsselect"] + self.argv[1:])


def run(args, env=None, stdin=b""):
    e = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    e.update(env or {})
    argv = [BIN] + list(args)
    p = subprocess.run(argv, input=stdin, capture_output=True, env=e, timeout=120)
    return Res(argv, p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))


def json_of(res, why):
    try:
        return json.loads(res.out)
    except ValueError as e:
        why.append(f"{res}: stdout is not JSON ({e}): {res.out[:200]!r}")
        return None


def expect_exit(res, code, why):
    if res.code != code:
        why.append(f"{res}: exit {res.code}, want {code} (stderr {res.err.strip()[:300]!r})")
        return False
    return True


# ---- the default table ----

# ref, id, class, effect, model: the rules of rules/deepseek-v1-v2.yaml in table order.
DEFAULT_RULES = [
    ("1.1", "single-small-gpu", "feasibility", "forbid", "V2"),
    ("1.2", "multi-gpu-nccl", "soft", "prefer", "V2"),
    ("1.2", "no-cluster-for-moe", "soft", "avoid", "V2"),
    ("1.3", "kubernetes-without-topology", "soft", "avoid", "V2"),
    ("2.1", "task-intent-classification", "soft", "prefer", "V1"),
    ("2.2", "task-contract-extraction", "quality", "require", "V2"),
    ("2.3", "task-openapi-generation", "quality", "require", "V2"),
    ("3.1", "low-latency-short-requests", "sla", "forbid", "V2"),
    ("3.2", "high-concurrency-long-input", "sla", "require", "V2"),
    ("3.3", "edge-device", "feasibility", "forbid", "V2"),
    ("4.1", "small-costly-corpus", "soft", "prefer", "V1"),
    ("4.2", "structured-data", "capability", "require", "V2"),
    ("4.3", "streaming-updates", "capability", "forbid", "V1"),
    ("5.1", "algorithm-filing", "compliance", "require", "V1"),
    ("5.2", "credit-approval-audit", "compliance", "forbid", "V2"),
    ("5.3", "mlps-level-3", "compliance", "forbid", "V2"),
]


def default_table_counts():
    """How many examples and cases the default table holds (read from its text)."""
    with open(DEFAULT_TABLE, encoding="utf-8") as f:
        text = f.read()
    examples = len(re.findall(r"\bfires:\s*(true|false)\b", text))
    cases_part = text.split("\ncases:", 1)[1] if "\ncases:" in text else ""
    cases = len(re.findall(r"^  - name:", cases_part, re.M))
    return examples, cases


# ---- rules check ----

def P(line, col, sev, code, msg, at, rules=None):
    """An expected problem: at its line:col the file's text starts with 'at'."""
    return dict(line=line, col=col, sev=sev, code=code, msg=msg, at=at, rules=rules)


def E(line, col, msg, at):
    return P(line, col, "error", "error", msg, at)


CHECK_TABLES = [
    dict(name="the embedded table", file=None, exit=0, problems=[]),
    dict(name="the default table as a file", file=DEFAULT_TABLE, exit=0, problems=[]),
    dict(name="errors in a derivation and in four rules", file=R("check-errors.yaml"), exit=78, problems=[
        E(24, 12, "unknown fact 'memory'", "memory"),
        E(28, 12, "unknown class 'safty' (did you mean 'safety'?)", "safty"),
        E(45, 18, "unknown fact 'mems' (did you mean 'mem'?)", "mems"),
        E(52, 13, "weight", "0"),
        E(59, 12, "unknown model 'C'", "C"),
    ]),
    # Errors in facts (two), a derivation, a rule and cases (two): one run must list them all.
    dict(name="errors in facts, a derivation, a rule and cases", file=R("check-errors-sections.yaml"), exit=78,
         problems=[
             E(18, 11, "unknown fact type 'colour'", "colour"),
             E(23, 10, "min must be a number", "small"),
             E(25, 12, "unknown fact 'memory'", "memory"),
             E(29, 12, "unknown class 'safty'", "safty"),
             E(44, 13, "status must be", "fine"),
             E(47, 21, "unknown model 'Z'", "Z"),
         ]),
    dict(name="one warning of each kind but contradiction", file=R("check-warnings.yaml"), exit=0, problems=[
        P(24, 5, "warning", "unused-fact", "fact 'colour'", "key: colour"),
        P(39, 5, "warning", "never-true", "1.2 (impossible-mem)", "id: impossible-mem"),
        P(51, 5, "warning", "always-true", "1.3 (any-gpus)", "id: any-gpus"),
        P(64, 5, "warning", "no-example", "1.4 (local-mode)", "id: local-mode"),
        P(72, 5, "warning", "masked", "1.5 (small-mem-again) is masked by 1.1 (small-mem)", "id: small-mem-again"),
    ]),
    dict(name="masked rules (a duplicate of 2.2, a narrower 2.2)", file=R("check-masked.yaml"), exit=0, problems=[
        P(23, 5, "warning", "masked", "2.0 (big-contract-extraction) is masked by 2.2 (task-contract-extraction)",
          "id: big-contract-extraction"),
        P(63, 5, "warning", "masked", "2.2 (contract-clauses) is masked by 2.2 (task-contract-extraction)",
          "id: contract-clauses"),
    ]),
    dict(name="a planted compliance rule contradicting 5.1, 5.2 and 5.3", file=R("check-contradiction.yaml"),
         exit=0, problems=[
             P(78, 5, "warning", "contradiction", "5.1 (algorithm-filing) and house.1 (house-level-4)",
               "id: house-level-4", ("algorithm-filing", "house-level-4")),
             P(78, 5, "warning", "contradiction", "5.2 (credit-approval-audit) and house.1 (house-level-4)",
               "id: house-level-4", ("credit-approval-audit", "house-level-4")),
             P(78, 5, "warning", "contradiction", "5.3 (mlps-level-3) and house.1 (house-level-4)",
               "id: house-level-4", ("mlps-level-3", "house-level-4")),
         ]),
    dict(name="the same with two pairs declared in contradicts:", file=R("check-contradiction-ack.yaml"), exit=0,
         problems=[
             P(76, 5, "warning", "contradiction", "5.1 (algorithm-filing) and house.1 (house-level-4)",
               "id: house-level-4", ("algorithm-filing", "house-level-4")),
         ]),
    dict(name="rules test's table checks clean", file=R("check-test-failures.yaml"), exit=0, problems=[]),
]


def text_at(path, line, col):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not 1 <= line <= len(lines):
        return None
    return lines[line - 1][col - 1:]


def parse_problem_lines(res, why):
    got = []
    for ln in res.out.splitlines():
        m = PROBLEM_RE.match(ln)
        if not m:
            why.append(f"{res}: line is not FILE:LINE:COLUMN: error|warning: message: {ln!r}")
            continue
        got.append(dict(file=m.group(1), line=int(m.group(2)), col=int(m.group(3)), sev=m.group(4),
                        msg=m.group(5)))
    return got


def match_expected(expected, got, where, why, codes=None):
    """Pairs each expected problem with one reported (at its line:col, severity, message); reports the rest."""
    left = list(range(len(got)))
    pairs = []
    for e in expected:
        hit = None
        for i in left:
            g = got[i]
            if (g["line"], g["col"], g["sev"]) == (e["line"], e["col"], e["sev"]) and e["msg"] in g["msg"] and \
                    (codes is None or codes[i] == e["code"]):
                hit = i
                break
        if hit is None:
            why.append(f"{where}: missing {e['sev']} {e['code']} at {e['line']}:{e['col']} ({e['msg']!r})")
        else:
            left.remove(hit)
            pairs.append((e, got[hit]))
    for i in left:
        g = got[i]
        why.append(f"{where}: unexpected problem {g['line']}:{g['col']}: {g['sev']}: {g['msg']}")
    return pairs


def rule_ids_of(message):
    """'rules 5.1 (algorithm-filing) and house.1 (house-level-4) ...' -> the two ids."""
    m = re.match(r"rules \S+ \(([^)]+)\) and \S+ \(([^)]+)\)", message)
    return (m.group(1), m.group(2)) if m else None


def run_witness(witness, ids, why, where):
    """Runs a witness command with --format json: both rules must fire, in a contradiction."""
    try:
        argv = shlex.split(witness)
    except ValueError as e:
        why.append(f"{where}: witness {witness!r} is not a shell command ({e})")
        return
    if not argv or argv[0] != "dsselect":
        why.append(f"{where}: witness {witness!r} does not start with dsselect")
        return
    res = run(argv[1:] + ["--format", "json"])
    if res.code not in (0, 1):
        why.append(f"{where}: witness {res} exits {res.code}: {res.err.strip()[:300]!r}")
        return
    doc = json_of(res, why)
    if doc is None:
        return
    fired = [r.get("rule") for r in doc.get("reasons", [])]
    for i in ids:
        if i not in fired:
            why.append(f"{where}: witness {witness!r} does not fire {i} (fired: {fired})")
    refs = {r.get("rule"): r.get("source") for r in doc.get("reasons", [])}
    if all(i in refs for i in ids):
        want = {refs[i] for i in ids}
        if doc.get("status") != "conflict" or res.code != 1 or not any(
                c.get("type") == "contradiction" and want <= set(c.get("rules", [])) for c in doc.get("conflicts", [])):
            why.append(f"{where}: witness {witness!r}: no contradiction between {sorted(want)} "
                       f"(exit {res.code}, status {doc.get('status')!r}, conflicts {doc.get('conflicts')})")


def check_table(t):
    why = []
    path = t["file"]
    base = ["rules", "check"] + ([path] if path else [])
    shown = path if path else "deepseek-v1-v2.yaml (embedded)"
    expected = t["problems"]
    n_warn = sum(1 for e in expected if e["sev"] == "warning")
    n_err = len(expected) - n_warn

    # the data itself: each position points at what the table planted there
    for e in expected:
        at = text_at(path, e["line"], e["col"])
        if at is None or not at.startswith(e["at"]):
            why.append(f"test data: {os.path.basename(path)}:{e['line']}:{e['col']} is {at!r}, not {e['at']!r}")

    # text
    res = run(base)
    expect_exit(res, t["exit"], why)
    if res.err:
        why.append(f"{res}: unexpected stderr {res.err[:200]!r}")
    if not expected and res.out:
        why.append(f"{res}: a clean table prints nothing, got {res.out[:300]!r}")
    got = parse_problem_lines(res, why)
    for g in got:
        if g["file"] != shown:
            why.append(f"{res}: FILE is {g['file']!r}, want {shown!r}")
    match_expected(expected, got, str(res), why)

    # JSON: the same problems, in the same order, with their codes and witnesses
    rj = run(base + ["--format", "json"])
    expect_exit(rj, t["exit"], why)
    doc = json_of(rj, why)
    if doc is not None:
        if not isinstance(doc, list) or not all(isinstance(o, dict) for o in doc):
            why.append(f"{rj}: not an array of objects: {rj.out[:200]!r}")
            doc = None
    if doc is not None:
        for i, o in enumerate(doc):
            if list(o) != PROBLEM_KEYS:
                why.append(f"{rj}: [{i}] keys {list(o)}, want {PROBLEM_KEYS}")
            if not isinstance(o.get("line"), int) or not isinstance(o.get("column"), int):
                why.append(f"{rj}: [{i}] line/column are not integers: {o}")
            if o.get("severity") == "error" and o.get("code") != "error":
                why.append(f"{rj}: [{i}] an error with code {o.get('code')!r}")
            if o.get("severity") == "warning" and o.get("code") not in WARNING_CODES:
                why.append(f"{rj}: [{i}] unknown warning code {o.get('code')!r}")
            w = o.get("witness")
            if o.get("code") == "contradiction":
                if not isinstance(w, str) or not w or not o.get("message", "").endswith(w):
                    why.append(f"{rj}: [{i}] a contradiction's witness {w!r} is not the end of its message")
            elif w is not None:
                why.append(f"{rj}: [{i}] witness {w!r} on a {o.get('code')} problem, want null")
        as_text = [dict(file=o.get("file"), line=o.get("line"), col=o.get("column"), sev=o.get("severity"),
                        msg=o.get("message")) for o in doc]
        if as_text != got:
            why.append(f"{rj}: the JSON problems differ from the text ones:\n      {as_text}\n      {got}")
        pairs = match_expected(expected, as_text, str(rj), why, codes=[o.get("code") for o in doc])
        for e, g in pairs:
            if e["rules"]:
                o = doc[as_text.index(g)]
                ids = rule_ids_of(o.get("message", ""))
                if ids is None or set(ids) != set(e["rules"]):
                    why.append(f"{rj}: contradiction names {ids}, want {e['rules']}")
                run_witness(o.get("witness") or "", e["rules"], why, str(rj))

    # --strict: warnings become errors (the same lines, said as errors); 78 on warnings too
    rs = run(base + ["--strict"])
    expect_exit(rs, EXIT_CONFIG if expected else 0, why)
    if rs.out != res.out.replace(": warning: ", ": error: "):
        why.append(f"{rs}: --strict does not turn each warning into an error")
    if n_err == 0 and n_warn and t["exit"] != 0:
        why.append("test data: a table with warnings only must exit 0 without --strict")
    return why


def check_witness_in_odd_path():
    """A witness quotes a --rules path with a space and a quote so that the shell (shlex) reads it back."""
    why = []
    d = os.path.join(TMP, "a dir with space's")
    os.makedirs(d, exist_ok=True)
    path = os.path.join(d, "contradiction.yaml")
    shutil.copy(R("check-contradiction.yaml"), path)
    res = run(["rules", "check", path, "--format", "json"])
    expect_exit(res, 0, why)
    doc = json_of(res, why)
    if doc is None:
        return why
    ws = [o for o in doc if o.get("code") == "contradiction"]
    if len(ws) != 3:
        why.append(f"{res}: {len(ws)} contradictions, want 3")
    for o in ws:
        argv = shlex.split(o.get("witness") or "")
        if "--rules" not in argv or argv[argv.index("--rules") + 1] != path:
            why.append(f"{res}: witness {o.get('witness')!r} does not give --rules {path!r}")
        run_witness(o.get("witness") or "", rule_ids_of(o.get("message", "")) or (), why, str(res))
    return why


def check_default_without_ack():
    """The default table without 3.1's contradicts: [high-concurrency-long-input] warns about 3.1/3.2."""
    why = []
    with open(DEFAULT_TABLE, encoding="utf-8") as f:
        lines = f.read().split("\n")
    kept = [ln for ln in lines if not re.match(r"\s+contradicts:\s*\[high-concurrency-long-input\]", ln)]
    if len(kept) != len(lines) - 1:
        return ["the default table has no 'contradicts: [high-concurrency-long-input]' line to take out"]
    path = os.path.join(TMP, "default-no-ack.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(kept))
    want_line = next(i + 1 for i, ln in enumerate(kept) if ln.strip() == "- id: high-concurrency-long-input")
    res = run(["rules", "check", path, "--format", "json"])
    expect_exit(res, 0, why)
    doc = json_of(res, why)
    if doc is None:
        return why
    brief = [(o.get("line"), o.get("column"), o.get("code")) for o in doc]
    if brief != [(want_line, 5, "contradiction")]:
        why.append(f"{res}: problems {brief}, want one contradiction at {want_line}:5")
    for o in doc:
        if o.get("code") == "contradiction":
            ids = rule_ids_of(o.get("message", ""))
            if ids != ("low-latency-short-requests", "high-concurrency-long-input"):
                why.append(f"{res}: contradiction between {ids}, want 3.1 and 3.2")
            run_witness(o.get("witness") or "", ids or (), why, str(res))
    expect_exit(run(["rules", "check", path, "--strict"]), EXIT_CONFIG, why)
    return why


def check_contradicts_listed_twice():
    """A rule named twice in one contradicts: list is an error (docs/rules.md: the loader refuses it)."""
    why = []
    with open(DEFAULT_TABLE, encoding="utf-8") as f:
        text = f.read()
    pat = re.compile(r"^(\s+contradicts:\s*\[)high-concurrency-long-input\]", re.M)
    m = pat.search(text)
    if m is None:
        return ["the default table has no 'contradicts: [high-concurrency-long-input]' line"]
    twice = pat.sub(r"\1high-concurrency-long-input, high-concurrency-long-input]", text, count=1)
    path = os.path.join(TMP, "default-ack-twice.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write(twice)
    line = text.count("\n", 0, m.start()) + 1
    col = len(m.group(1)) + len("high-concurrency-long-input, ") + 1
    res = run(["rules", "check", path])
    expect_exit(res, EXIT_CONFIG, why)
    want = f"{path}:{line}:{col}: error: contradicts: 'high-concurrency-long-input' is listed twice"
    if want not in res.out:
        why.append(f"{res}: want {want!r}, got {res.out[:300]!r}")
    res = run(["--rules", path, "--gpu-mem", "12"])
    expect_exit(res, EXIT_CONFIG, why)
    if f"{path}:{line}:{col}: " not in res.err or "listed twice" not in res.err:
        why.append(f"{res}: stderr {res.err[:300]!r}")
    return why


def check_lists_problems_in_file_order():
    """rules check lists its warnings in file order, by line then column (docs/rules.md): two rules on one line."""
    why = []
    path = os.path.join(TMP, "one-line.yaml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("schema: 1\nmodels: [{id: A}, {id: B}]\ndefault: A\nclasses: [{id: h, kind: hard}]\n"
                "facts: [{key: n, type: integer, min: 0}, {key: unused, type: integer}]\n"
                "rules: [{id: a, ref: '1', class: h, effect: forbid, model: A, when: {fact: n, ge: 5}, reason: a},"
                " {id: b, ref: '2', class: h, effect: forbid, model: B, when: {fact: n, le: 2}, reason: b}]\n")
    for fmt in ("text", "json"):
        res = run(["rules", "check", path, "--format", fmt])
        expect_exit(res, 0, why)
        if fmt == "text":
            got = [(p["line"], p["col"], p["msg"].split(":")[0]) for p in parse_problem_lines(res, why)]
        else:
            got = [(o["line"], o["column"], o["code"]) for o in json_of(res, why) or []]
        want = [(5, 42, "unused-fact" if fmt == "json" else "warning"),
                (6, 9, "no-example" if fmt == "json" else "warning"),
                (6, 99, "no-example" if fmt == "json" else "warning")]
        if [g[:2] for g in got] != [w[:2] for w in want] or (fmt == "json" and got != want):
            why.append(f"{res}: problems {got}, want {want} (file order)")
    return why


def witnesses_of_custom_table():
    """Whatever rules check finds in the custom table, each contradiction's witness fires both rules."""
    why = []
    res = run(["rules", "check", CUSTOM, "--format", "json"])
    expect_exit(res, 0, why)
    doc = json_of(res, why) or []
    cs = [o for o in doc if o.get("code") == "contradiction"]
    if not cs:
        why.append(f"{res}: no contradiction found between 9.1 (require LONG) and 9.3 (forbid LONG)")
    for o in cs:
        run_witness(o.get("witness") or "", rule_ids_of(o.get("message", "")) or (), why, str(res))
    return why


def loader_error_of(path):
    """What dsselect --rules FILE says about a table it refuses: (code, 'FILE:L:C: message')."""
    res = run(["--rules", path, "--format", "json"])
    return res.code, res.err.strip().splitlines()[0] if res.err.strip() else ""


def check_refused_table(path):
    """rules check reports, as an error, the problem for which dsselect --rules refuses the table."""
    why = []
    code, err = loader_error_of(path)
    if code != EXIT_CONFIG:
        return [f"dsselect --rules {path}: exit {code}, want 78 (test data should be refused)"]
    err = re.sub(r"^dsselect: ", "", err)
    m = re.match(r"^(.*?):(\d+):(\d+): (.*)$", err)
    res = run(["rules", "check", path])
    expect_exit(res, EXIT_CONFIG, why)
    got = parse_problem_lines(res, why)
    errors = [g for g in got if g["sev"] == "error"]
    if not errors:
        why.append(f"{res}: no error reported; dsselect --rules says {err!r}")
    elif m and not any((g["line"], g["col"]) == (int(m.group(2)), int(m.group(3))) and g["msg"] == m.group(4)
                       for g in errors):
        why.append(f"{res}: no error {m.group(2)}:{m.group(3)}: {m.group(4)!r} (got {[(g['line'], g['col'], g['msg']) for g in errors]})")
    return why


ZH_PROBLEM_RE = re.compile(r"^(.+):(\d+):(\d+): (错误|警告)：(.+)$")


def check_refused_table_zh(path):
    """In Chinese (--lang zh): dsselect --rules and rules check refuse the table with the same message, in
    Chinese, at the same FILE:LINE:COLUMN (ASCII in every language); rules check --format json stays English."""
    why = []
    res = run(["--rules", path, "--lang", "zh"])
    expect_exit(res, EXIT_CONFIG, why)
    err = res.err.strip().splitlines()[0] if res.err.strip() else ""
    m = re.match(r"^(.*?):(\d+):(\d+): (.*)$", err)
    if not m or not CJK.search(m.group(4)):
        return why + [f"{res}: stderr {err!r}, want FILE:LINE:COLUMN: and a message in Chinese"]
    chk = run(["rules", "check", path, "--lang", "zh"])
    expect_exit(chk, EXIT_CONFIG, why)
    got = [ZH_PROBLEM_RE.match(ln) for ln in chk.out.splitlines()]
    if not all(got):
        why.append(f"{chk}: a line is not FILE:LINE:COLUMN: 错误|警告：message: {chk.out!r}")
    elif not any(g.group(4) == "错误" and (g.group(2), g.group(3), g.group(5)) == m.group(2, 3, 4) for g in got):
        why.append(f"{chk}: no error {m.group(2)}:{m.group(3)}: {m.group(4)!r} in {chk.out!r}")
    for g in got:
        if g and not CJK.search(g.group(5)):
            why.append(f"{chk}: a message left in English: {g.string!r}")
    en = run(["rules", "check", path, "--format", "json"])
    zh = run(["rules", "check", path, "--format", "json", "--lang", "zh"])
    if en.out != zh.out:
        why.append(f"{zh}: JSON differs from English: {zh.out[:300]!r} vs {en.out[:300]!r}")
    return why


def rules_check_zh():
    """rules check in Chinese (--lang zh, or LANG=zh_CN.UTF-8): every warning of the English run, at the same
    place, in Chinese; the JSON is the English one."""
    why = []
    path = R("check-warnings.yaml")
    en = run(["rules", "check", path])
    en_lines = parse_problem_lines(en, why)
    for res in (run(["rules", "check", path, "--lang", "zh"]),
                run(["rules", "check", path], env={"LANG": "zh_CN.UTF-8"})):
        expect_exit(res, 0, why)
        got = [ZH_PROBLEM_RE.match(ln) for ln in res.out.splitlines()]
        if len(got) != len(en_lines) or not all(got):
            why.append(f"{res}: {res.out!r}, want {len(en_lines)} lines FILE:LINE:COLUMN: 警告：message")
            continue
        for g, e in zip(got, en_lines):
            if (int(g.group(2)), int(g.group(3))) != (e["line"], e["col"]) or g.group(4) != "警告":
                why.append(f"{res}: {g.string!r} where English has {e}")
            if not CJK.search(g.group(5)):
                why.append(f"{res}: a message left in English: {g.string!r}")
        want = f"{path}:39:5: 警告：规则 1.2（impossible-mem）永远不会触发：它读取的事实无论取什么值，它的条件都不成立"
        if want not in res.out.splitlines():
            why.append(f"{res}: no line {want!r}")
    js = run(["rules", "check", path, "--format", "json", "--lang", "zh"])
    if js.out != run(["rules", "check", path, "--format", "json"]).out or CJK.search(js.out):
        why.append(f"{js}: the JSON must be the English one: {js.out[:300]!r}")
    res = run(["rules", "check", R("check-contradiction.yaml"), "--lang", "zh"])
    if "相互矛盾；两条规则在以下输入下同时触发：dsselect --rules " not in res.out:
        why.append(f"{res}: no contradiction with its witness command in Chinese: {res.out[:400]!r}")
    return why


def check_missing_file():
    why = []
    path = os.path.join(TMP, "no-such-table.yaml")
    res = run(["rules", "check", path])
    expect_exit(res, EXIT_NOINPUT, why)
    if path not in res.out + res.err:
        why.append(f"{res}: the missing file is not named: {res.out!r} {res.err!r}")
    return why


# ---- rules test ----

def rules_test_default():
    why = []
    res = run(["rules", "test"])
    expect_exit(res, 0, why)
    examples, cases = default_table_counts()
    want = f"{examples + cases} passed, 0 failed"
    lines = res.out.splitlines()
    if lines != [want]:
        why.append(f"{res}: output {res.out[-300:]!r}, want the one line {want!r}")
    if examples < 16 or cases < 1:
        why.append(f"the default table has {examples} examples and {cases} cases: want one per rule and some cases")
    res = run(["rules", "test", DEFAULT_TABLE])
    if res.out.splitlines() != [want] or res.code != 0:
        why.append(f"{res}: exit {res.code}, {res.out[-200:]!r}, want {want!r}")
    return why


def rules_test_failures(lang):
    why = []
    path = R("check-test-failures.yaml")
    env = {"LANG": "zh_CN.UTF-8"} if lang == "zh" else None
    res = run(["rules", "test", path], env=env)
    expect_exit(res, 1, why)
    if res.err:
        why.append(f"{res}: unexpected stderr {res.err[:200]!r}")
    lines = res.out.splitlines()
    want = "通过 5 项，失败 2 项" if lang == "zh" else "5 passed, 2 failed"
    if not lines or lines[-1] != want:
        why.append(f"{res}: last line {lines[-1] if lines else ''!r}, want {want!r}")
    heads = [ln for ln in lines if re.match(r"^\S.*:\d+:\d+: ", ln)]
    if len(heads) != 2:
        why.append(f"{res}: {len(heads)} failures named, want 2: {heads}")
    if lang == "zh":
        blocks = {f"{path}:30:9: 规则 1.1（small-mem）的示例：": ["工作负载描述：mem=13", "- 期望：触发", "+ 实际：不触发",
                                                             "推荐：A，状态：默认，备选：无；触发的规则：无"],
                  f"{path}:47:5: 用例 fast and big takes B：": ["工作负载描述：mem=64, fast=true", "- 状态：默认",
                                                           "+ 状态：推荐", "推荐：B，状态：推荐，备选：无；触发的规则：1.2"]}
    else:
        blocks = {f"{path}:30:9: example of rule 1.1 (small-mem):": ["spec: mem=13", "- expected: fires",
                                                                     "+ got:      does not fire",
                                                                     "recommendation A, status default, fallback null; "
                                                                     "fired: none"],
                  f"{path}:47:5: case fast and big takes B:": ["spec: mem=64, fast=true", "- status: default",
                                                              "+ status: recommended",
                                                              "recommendation B, status recommended, fallback null; "
                                                              "fired: 1.2"]}
    for head, body in blocks.items():
        if head not in lines:
            why.append(f"{res}: no line {head!r} in {res.out!r}")
            continue
        i = lines.index(head)
        after = [ln.strip() for ln in lines[i + 1:i + 1 + len(body) + 1]]
        for b in body:
            if b not in after:
                why.append(f"{res}: after {head!r}, no line {b!r} (got {after})")
    for ok in ("small memory keeps A", "nothing known gives the default", "mem=12", "mem=20"):
        if ok in res.out:
            why.append(f"{res}: a passing example or case is reported: {ok!r}")
    return why


def rules_test_refused_zh():
    why = []
    res = run(["rules", "test", R("check-errors.yaml"), "--lang", "zh"])
    expect_exit(res, EXIT_CONFIG, why)
    want = f"{R('check-errors.yaml')}:24:12: 未知的事实“memory”"
    if res.err.strip().splitlines()[:1] != [want]:
        why.append(f"{res}: stderr {res.err!r}, want {want!r}")
    return why


def rules_test_refused():
    why = []
    res = run(["rules", "test", R("check-errors.yaml")])
    expect_exit(res, EXIT_CONFIG, why)
    if "check-errors.yaml:24:12" not in res.err:
        why.append(f"{res}: stderr {res.err!r} lacks the first error's position 24:12")
    return why


# ---- rules list / show ----

def rules_list_text():
    why = []
    res = run(["rules", "list"])
    expect_exit(res, 0, why)
    lines = res.out.splitlines()
    if len(lines) != len(DEFAULT_RULES):
        why.append(f"{res}: {len(lines)} lines, want {len(DEFAULT_RULES)}")
    js = run(["rules", "list", "--format", "json"])
    doc = json_of(js, why) or []
    for i, (ref, rid, klass, effect, model) in enumerate(DEFAULT_RULES):
        if i >= len(lines):
            break
        words = lines[i].split()
        if words[:5] != [ref, rid, klass, effect, model]:
            why.append(f"{res}: line {i + 1} starts {words[:5]}, want {[ref, rid, klass, effect, model]}")
        if i < len(doc) and doc[i].get("message") and not lines[i].rstrip().endswith(doc[i]["message"]):
            why.append(f"{res}: line {i + 1} does not end with the reason {doc[i]['message']!r}")
    zh = run(["rules", "list", "--lang", "zh"])
    expect_exit(zh, 0, why)
    if len(zh.out.splitlines()) != len(DEFAULT_RULES) or not CJK.search(zh.out):
        why.append(f"{zh}: want {len(DEFAULT_RULES)} lines with the Chinese reasons")
    return why


ZH_CLASS = {"feasibility": "可行性", "compliance": "合规", "sla": "服务水平", "capability": "能力", "quality": "质量",
            "soft": "偏好"}
ZH_EFFECT = {"require": "必须选用", "forbid": "禁用", "prefer": "倾向", "avoid": "避免"}


def rules_list_zh():
    """rules list in Chinese: the class column gives the classes' Chinese names, the effect column the
    Chinese effects, the columns line up by display width; rules show's headings are Chinese."""
    why = []
    for res in (run(["rules", "list", "--lang", "zh"]), run(["rules", "list"], env={"LANG": "zh_CN.UTF-8"})):
        expect_exit(res, 0, why)
        lines = res.out.splitlines()
        got = [ln.split()[:5] for ln in lines]
        want = [[ref, rid, ZH_CLASS[k], ZH_EFFECT[e], m] for ref, rid, k, e, m in DEFAULT_RULES]
        if got != want:
            why.append(f"{res}: {got}, want {want}")
            continue
        why += table_misaligned(lines, [False] * 6, str(res), rest=True)
    res = run(["rules", "show", "1.1", "--lang", "zh"])
    for want in ("  类别：可行性（硬性）", "  效果：禁用 V2", "  条件：gpus <= 1 且 gpu_mem <= 12", "  示例："):
        if want not in res.out.splitlines():
            why.append(f"{res}: no line {want!r} in {res.out!r}")
    return why


def rules_list_json():
    why = []
    res = run(["rules", "list", "--format", "json"])
    expect_exit(res, 0, why)
    doc = json_of(res, why)
    if not isinstance(doc, list):
        return why + [f"{res}: not an array"]
    if len(doc) != len(DEFAULT_RULES):
        why.append(f"{res}: {len(doc)} objects, want {len(DEFAULT_RULES)}")
    for i, (o, want) in enumerate(zip(doc, DEFAULT_RULES)):
        got = tuple(o.get(k) for k in ("source", "rule", "class", "effect", "model"))
        if got != want:
            why.append(f"{res}: [{i}] is {got}, want {want}")
        if not isinstance(o.get("message"), str) or not o["message"] or CJK.search(o["message"]):
            why.append(f"{res}: [{i}].message {o.get('message')!r}, want the English reason")
    return why


def rules_list_custom():
    why = []
    res = run(["rules", "list", CUSTOM])
    expect_exit(res, 0, why)
    got = [ln.split()[:2] for ln in res.out.splitlines()]
    if got != [["9.1", "long-context"], ["9.2", "short-context"], ["9.3", "tiny"]]:
        why.append(f"{res}: {got}")
    return why


def rules_list_cjk():
    """rules list of a table with CJK refs, classes and model ids: every column starts at one display
    column (widths from Python's unicodedata, not from the C code), --rules FILE or FILE, en and zh."""
    why = []
    for args in (["--rules", CJK_TABLE], [CJK_TABLE], ["--rules", CJK_TABLE, "--lang", "zh"]):
        res = run(["rules", "list"] + args)
        if not expect_exit(res, 0, why):
            continue
        lines = res.out.splitlines()
        got = [ln.split()[:5] for ln in lines]
        want = [["甲.1", "big-mem", "可行性", "require", "V2"], ["2", "cloud", "safety", "forbid", "深度求索V1"],
                 ["乙丙.3", "lite-small", "偏好", "prefer", "ＬＩＴＥ"], ["4.1", "mixed-edge", "可行性", "forbid", "ＬＩＴＥ"]]
        if "zh" in args:  # the effects in Chinese; these classes have no Chinese names: their ids
            zh_effect = {"require": "必须选用", "forbid": "禁用", "prefer": "倾向"}
            want = [w[:3] + [zh_effect[w[3]]] + w[4:] for w in want]
        if got != want:
            why.append(f"{res}: {got}")
            continue
        why += table_misaligned(lines, [False] * 6, str(res), rest=True)
    return why


def cjk_help_and_evidence():
    """A CJK unit in --help keeps the help column; an evidence line starts under its rule's effect word
    whatever the ref's width ("  [甲.1] " is nine columns)."""
    why = []
    res = run(["--rules", CJK_TABLE, "--help"])
    expect_exit(res, 0, why)
    opts = [m for m in (re.match(r"^(  --\S+(?: \S+)?  +)\S", ln) for ln in res.out.splitlines()) if m]
    starts = {width(m.group(1)) for m in opts}  # where each option's help begins
    opts = [m.string for m in opts]
    if not any(ln.startswith("  --mem 吉字节 ") for ln in opts) or len(starts) != 1:
        why.append(f"{res}: option help starts at display columns {sorted(starts)}:\n" + "\n".join(opts))
    for lang, effect in (("en", "require"), ("zh", "必须选用")):
        res = run(["--rules", CJK_TABLE, "--mem", "100", "--lang", lang])
        lines = res.out.splitlines()
        head = [ln for ln in lines if ln.startswith("  [甲.1] ")]
        ev = [ln for ln in lines if "V2 wants 80 GB" in ln or "V2 需要 80GB" in ln]
        if res.code != 0 or len(head) != 1 or len(ev) != 1:
            why.append(f"{res}: exit {res.code}, want one rule line and one evidence line: {res.out!r}")
            continue
        at = width(head[0][:head[0].index(effect)])
        if at != 9 or width(ev[0]) - width(ev[0].lstrip(" ")) != at:
            why.append(f"{res}: the evidence starts at display column {width(ev[0]) - width(ev[0].lstrip(' '))}, "
                       f"the effect word at {at}:\n{head[0]}\n{ev[0]}")
    return why


def has(*subs):
    return lambda res: [f"{res}: stdout lacks {s!r}" for s in subs if s not in res.out]


def lacks(*subs):
    return lambda res: [f"{res}: stdout has {s!r}" for s in subs if s in res.out]


def err_has(*subs):
    return lambda res: [f"{res}: stderr {res.err.strip()!r} lacks {s!r}" for s in subs if s not in res.err]


def headers(*want):
    """The '[ref] id' header lines of rules show, exactly these."""
    def chk(res):
        got = re.findall(r"^\[(\S+)\] (\S+)$", res.out, re.M)
        return [] if got == list(want) else [f"{res}: rules shown {got}, want {list(want)}"]
    return chk


SHOW_CASES = [
    dict(args=["rules", "show", "2.2"], code=0,
         checks=[headers(("2.2", "task-contract-extraction")),
                 has("quality", "require V2", "task = contract-extraction",
                     "contract clause extraction resolves references across paragraphs",
                     "long-range coreference F1 of 87.6% on V2", "task=contract-extraction",
                     "task=openapi-generation", "fires", "does not fire"),
                 lacks("长程指代消解")]),
    dict(args=["rules", "show", "task-contract-extraction"], code=0,
         checks=[headers(("2.2", "task-contract-extraction")), has("87.6%", "task = contract-extraction")]),
    dict(args=["rules", "show", "2.2", "--lang", "zh"], code=0,
         checks=[headers(("2.2", "task-contract-extraction")),
                 has("V2 长程指代消解 F1 为 87.6%", "合同条款抽取需要跨段落关联定义", "task=contract-extraction"),
                 lacks("long-range coreference")]),
    dict(args=["rules", "show", "2.2"], env={"LANG": "zh_CN.UTF-8"}, code=0, checks=[has("长程指代消解")]),
    dict(args=["rules", "show", "1.2"], code=0,
         checks=[headers(("1.2", "multi-gpu-nccl"), ("1.2", "no-cluster-for-moe")),
                 has("gpus >= 2 and gpus × gpu_mem >= 80 and nccl", "weight 2",
                     "V2's MoE dynamic routing is fully enabled", "V2 falls back to dense mode")]),
    dict(args=["rules", "show", "5.1"], code=0,
         checks=[headers(("5.1", "algorithm-filing")), has("filing=true", "(nothing)")]),
    dict(args=["rules", "show", "9.1", "--rules", CUSTOM], code=0,
         checks=[headers(("9.1", "long-context")), has("context_length > 32000", "the small model has an 8k window")]),
    dict(args=["rules", "show", "nope"], code=EXIT_USAGE, checks=[err_has("nope", "rules list")]),
    dict(args=["rules", "show"], code=EXIT_USAGE, checks=[err_has("2.2")]),
    dict(args=["rules", "show", "2.22"], code=EXIT_USAGE, checks=[err_has("did you mean '2.2'?")]),
    dict(args=["rules", "show", "task-contract-extractoin"], code=EXIT_USAGE,
         checks=[err_has("did you mean 'task-contract-extraction'?")]),
    dict(args=["rules", "show", "single-smal-gpu"], code=EXIT_USAGE, checks=[err_has("did you mean 'single-small-gpu'?")]),
    dict(args=["rules", "show", "5.4"], code=EXIT_USAGE, checks=[err_has("no rule '5.4'", "did you mean")]),
    dict(args=["rules", "chekc"], code=EXIT_USAGE, checks=[err_has("did you mean 'check'?")]),
    dict(args=["rules", "lsit"], code=EXIT_USAGE, checks=[err_has("did you mean 'list'?")]),
    dict(args=["rules", "check", "--stirct"], code=EXIT_USAGE, checks=[err_has("did you mean '--strict'?")]),
    # each subcommand refuses what it does not take, with the messages of dsselect's own options
    dict(args=["rules", "test", "--format", "json"], code=EXIT_USAGE,
         checks=[err_has("dsselect: rules test: option --format is dsselect's; this command takes --help --lang --rules")]),
    dict(args=["rules", "list", "--strict"], code=EXIT_USAGE, checks=[err_has("rules list: unknown option '--strict'")]),
    dict(args=["rules", "check", "--format", "xml"], code=EXIT_USAGE,
         checks=[err_has("dsselect: rules check: option --format: unknown value 'xml'; use text or json")]),
    dict(args=["rules", "show", "2.2", "--lang"], code=EXIT_USAGE,
         checks=[err_has("dsselect: rules show: option --lang needs a value (LANG)")]),
    dict(args=["rules", "check", "-x"], code=EXIT_USAGE, checks=[err_has("unexpected argument '-x'")]),
    dict(args=["rules", "show", "2.2", "5.1"], code=EXIT_USAGE, checks=[err_has("rules show: unexpected argument '5.1'")]),
    dict(args=["rules", "list", "a.yaml", "--rules", "b.yaml"], code=EXIT_USAGE, checks=[err_has("FILE or as --rules FILE")]),
    dict(args=["rules", "show", "--format=json", "2.2"], code=0, checks=[has('"source":"2.2"')]),
]


def show_case(c):
    why = []
    res = run(c["args"], env=c.get("env"))
    if not expect_exit(res, c["code"], why):
        return why
    if c["code"] == EXIT_USAGE:
        if res.out:
            why.append(f"{res}: stdout not empty on a usage error: {res.out[:100]!r}")
        if len(res.err.splitlines()) != 1:
            why.append(f"{res}: want one line on stderr, got {res.err!r}")
    elif res.err:
        why.append(f"{res}: unexpected stderr {res.err[:200]!r}")
    for chk in c.get("checks", ()):
        why += chk(res)
    return why


def rules_show_json():
    why = []
    res = run(["rules", "show", "2.2", "--format", "json"])
    expect_exit(res, 0, why)
    doc = json_of(res, why)
    if not isinstance(doc, list) or len(doc) != 1:
        return why + [f"{res}: want an array of one rule, got {res.out[:200]!r}"]
    o = doc[0]
    want = {"source": "2.2", "rule": "task-contract-extraction", "class": "quality", "effect": "require",
            "model": "V2", "when": "task = contract-extraction"}
    for k, v in want.items():
        if o.get(k) != v:
            why.append(f"{res}: {k} = {o.get(k)!r}, want {v!r}")
    if "87.6%" not in str(o.get("evidence")) or "长程指代消解" not in str(o.get("evidence_zh")):
        why.append(f"{res}: evidence / evidence_zh {o.get('evidence')!r} / {o.get('evidence_zh')!r}")
    if o.get("examples") != [{"spec": {"task": "contract-extraction"}, "fires": True},
                             {"spec": {"task": "openapi-generation"}, "fires": False}]:
        why.append(f"{res}: examples {o.get('examples')!r}")
    res = run(["rules", "show", "1.2", "--format", "json"])
    doc = json_of(res, why) or []
    if [o.get("rule") for o in doc] != ["multi-gpu-nccl", "no-cluster-for-moe"]:
        why.append(f"{res}: rules {[o.get('rule') for o in doc]}")
    return why


# ---- --explain ----

EXPLAIN_RULE_RE = re.compile(r"^  \[(\S+)\] (\S+): (fires|does not fire|unknown)$")


def every_rule_section(out, head="Every rule:"):
    lines = out.splitlines()
    if head not in lines:
        return None
    return lines[lines.index(head) + 1:]


def explain_text():
    why = []
    args = ["--gpu-mem", "24", "--task", "contract-extraction", "--streaming"]
    res = run(args + ["--explain"])
    if res.code not in (0, 1):
        return [f"{res}: exit {res.code}: {res.err!r}"]
    sec = every_rule_section(res.out)
    if sec is None:
        return [f"{res}: no 'Every rule:' line in {res.out!r}"]
    heads = [EXPLAIN_RULE_RE.match(ln) for ln in sec]
    heads = [m.groups() for m in heads if m]
    if [(h[0], h[1]) for h in heads] != [(r[0], r[1]) for r in DEFAULT_RULES]:
        why.append(f"{res}: rules under 'Every rule:' are {heads}, want all {len(DEFAULT_RULES)} in table order")
    bad = [ln for ln in sec if ln.strip() and not EXPLAIN_RULE_RE.match(ln) and not ln.startswith("      ")]
    if bad:
        why.append(f"{res}: lines in 'Every rule:' that are neither a rule nor an indented leaf: {bad[:3]}")
    for leaf in ("gpu_mem = 24 <= 12 -> false", "gpus = 1 (derived) <= 1 -> true",
                 "task = contract-extraction = contract-extraction -> true",
                 "task = contract-extraction = openapi-generation -> false", "streaming = true is true -> true",
                 "avg_tokens = (unknown) <= 128 -> unknown", "nccl = false is true -> false",
                 "gpus × gpu_mem = 24 (derived) >= 80 -> false", "any of -> unknown", "not -> true"):
        if not any(ln.strip() == leaf for ln in sec):
            why.append(f"{res}: no leaf line {leaf!r} under 'Every rule:'")
    js = run(args + ["--format", "json"])
    doc = json_of(js, why) or {}
    fired = [r.get("rule") for r in doc.get("reasons", [])]
    shown = [h[1] for h in heads if h[2] == "fires"]
    if sorted(shown) != sorted(fired):
        why.append(f"{res}: 'fires' for {shown}, but reasons has {fired}")
    plain = run(args)
    if "Every rule:" in plain.out:
        why.append(f"{plain}: 'Every rule:' without --explain")
    if not res.out.startswith(plain.out.rstrip("\n")):
        why.append(f"{res}: --explain changes the text before 'Every rule:'")
    zh = run(args + ["--explain", "--lang", "zh"])
    sec = every_rule_section(zh.out, "全部规则：")
    if sec is None:
        why.append(f"{zh}: no '全部规则：' line")
    else:
        n = sum(1 for ln in sec if re.match(r"^  \[\S+\] [^\s:]+: ?(触发|未触发|未知)$", ln))
        if n != len(DEFAULT_RULES) or not any("-> 不成立" in ln for ln in sec):
            why.append(f"{zh}: {n} rule lines under '全部规则：' (want {len(DEFAULT_RULES)}), leaves in Chinese")
    return why


def explain_json():
    why = []
    args = ["--gpu-mem", "24", "--task", "contract-extraction", "--streaming", "--format", "json"]
    res = run(args + ["--explain"])
    doc = json_of(res, why)
    plain = run(args)
    pdoc = json_of(plain, why)
    if doc is None or pdoc is None:
        return why
    if "trace" in pdoc:
        why.append(f"{plain}: a 'trace' key without --explain")
    if list(doc)[-1:] != ["trace"]:
        why.append(f"{res}: 'trace' is not the last key: {list(doc)}")
    tr = doc.pop("trace", None)
    if doc != pdoc:
        why.append(f"{res}: --explain changes more than 'trace'")
    if not isinstance(tr, list) or len(tr) != len(DEFAULT_RULES):
        return why + [f"{res}: trace has {len(tr) if isinstance(tr, list) else tr!r} entries, want {len(DEFAULT_RULES)}"]
    if [(e.get("source"), e.get("rule")) for e in tr] != [(r[0], r[1]) for r in DEFAULT_RULES]:
        why.append(f"{res}: trace rules {[e.get('rule') for e in tr]} are not the table's, in order")
    fired = {r.get("rule") for r in pdoc.get("reasons", [])}
    for e in tr:
        if e.get("result") not in ("true", "false", "unknown"):
            why.append(f"{res}: trace {e.get('rule')} result {e.get('result')!r}")
        if (e.get("result") == "true") != (e.get("rule") in fired):
            why.append(f"{res}: trace {e.get('rule')} result {e.get('result')!r}, fired: {e.get('rule') in fired}")
        if not isinstance(e.get("when"), str) or not e.get("leaves"):
            why.append(f"{res}: trace {e.get('rule')} lacks when/leaves")
        for lf in e.get("leaves", []):
            if (lf.get("value") is None) != (lf.get("result") == "unknown"):
                why.append(f"{res}: trace {e.get('rule')} leaf {lf}: unknown exactly when value is null")
    one = tr[0]
    want = [{"fact": "gpus", "value": 1, "derived": True, "op": "<=", "constant": 1, "result": "true"},
            {"fact": "gpu_mem", "value": 24, "derived": False, "op": "<=", "constant": 12, "result": "false"}]
    if one.get("leaves") != want or one.get("result") != "false" or one.get("when") != "gpus <= 1 and gpu_mem <= 12":
        why.append(f"{res}: trace of 1.1 is {one}, want leaves {want}")
    return why


def explain_batch():
    why = []
    lines = '{"id": "a", "gpu_mem": 24}\n{"id": "b", "gpu_mem": 8, "task": "contract-extraction"}\n'
    res = run(["--batch", "--explain"], stdin=lines.encode())
    docs = []
    for ln in res.out.splitlines():
        try:
            docs.append(json.loads(ln))
        except ValueError:
            why.append(f"{res}: not a JSON line: {ln[:100]!r}")
    if len(docs) != 2:
        return why + [f"{res}: {len(docs)} records, want 2"]
    for d in docs:
        if len(d.get("trace") or []) != len(DEFAULT_RULES):
            why.append(f"{res}: record {d.get('id')!r} has no trace of {len(DEFAULT_RULES)} rules")
    plain = run(["--batch"], stdin=lines.encode())
    if '"trace"' in plain.out:
        why.append(f"{plain}: 'trace' without --explain")
    ct = run(["--rules", CUSTOM, "--context-length", "64000", "--format", "json", "--explain"])
    doc = json_of(ct, why) or {}
    if [e.get("rule") for e in doc.get("trace", [])] != ["long-context", "short-context", "tiny"]:
        why.append(f"{ct}: the trace of the custom table is {[e.get('rule') for e in doc.get('trace', [])]}")
    return why


# ---- a custom table's own fact ----

def custom_fact():
    why = []
    res = run(["--rules", CUSTOM, "--help"])
    expect_exit(res, 0, why)
    if not re.search(r"^\s+--context-length N\s", res.out, re.M):
        why.append(f"{res}: --help lacks '--context-length N'")
    if re.search(r"^\s+--gpu-mem\b", res.out, re.M):
        why.append(f"{res}: --help lists the default table's --gpu-mem")
    dflt = run(["--help"])
    if "--context-length" in dflt.out:
        why.append(f"{dflt}: the default table's --help lists --context-length")
    for n, model, rule in (("64000", "LONG", "long-context"), ("4000", "SMALL", "short-context")):
        r = run(["--rules", CUSTOM, "--context-length", n, "--format", "json"])
        doc = json_of(r, why) or {}
        if r.code != 0 or doc.get("recommendation") != model or rule not in [x.get("rule") for x in doc.get("reasons", [])]:
            why.append(f"{r}: exit {r.code}, recommendation {doc.get('recommendation')!r}, want {model} by {rule}")
    r = run(["--context-length", "64000"])
    expect_exit(r, EXIT_USAGE, why)
    return why


def review_regressions():
    """A broken fact is one error (no cascade); a bad contradicts shows beside other errors; integers
    compared with fractions; a 64th rule in contradicts keeps show's JSON valid."""
    why = []
    r = run(["rules", "check", R("check-broken-fact.yaml")])
    expect_exit(r, EXIT_CONFIG, why)
    if r.out.count(": error: ") != 1 or ":66:11: error: unknown fact type 'enumm'" not in r.out:
        why.append(f"{r}: want exactly the fact's own error, got {r.out[:300]!r}")
    r = run(["rules", "check", R("check-errors-and-contradicts.yaml")])
    if r.out.count(": error: ") != 2 or ":166:12:" not in r.out or ":326:19: error: contradicts: no rule 'nope'" not in r.out:
        why.append(f"{r}: want the class error and the contradicts error, got {r.out[:300]!r}")
    r = run(["rules", "check", R("check-int-fraction.yaml")])
    if "contradict" not in r.out or "--n 3" not in r.out or "never" in r.out or "always" in r.out:
        why.append(f"{r}: integers against 2.5 and 3.5: {r.out[:300]!r}")
    table = os.path.join(TMP, "ack63.yaml")
    rules = "".join('  - {id: r%d, ref: "%d", class: h, effect: forbid, model: A, when: {fact: n, ge: %d}, reason: r%s}\n'
                    % (i, i, i, ", contradicts: [r63]" if i == 0 else "") for i in range(64))
    with open(table, "w") as f:
        f.write("schema: 1\nmodels: [{id: A}, {id: B}]\ndefault: A\nclasses: [{id: h, kind: hard}]\n"
                "facts: [{key: n, type: integer}]\nrules:\n" + rules)
    r = run(["rules", "show", "r0", "--rules", table, "--format", "json"])
    try:
        if json.loads(r.out)[0]["contradicts"] != ["63"]:
            why.append(f"{r}: contradicts {r.out[:200]!r}")
    except ValueError:
        why.append(f"{r}: not JSON: {r.out[:200]!r}")
    return why


# ---- the run ----

TESTS = [("rules check: review regressions", review_regressions)]
for t in CHECK_TABLES:
    TESTS.append((f"rules check: {t['name']}", lambda t=t: check_table(t)))
TESTS += [
    ("rules check: a witness with an odd --rules path reads back through the shell", check_witness_in_odd_path),
    ("rules check: the default table without its contradicts: warns about 3.1/3.2", check_default_without_ack),
    ("rules check: the custom table's contradiction witnesses fire both rules", witnesses_of_custom_table),
    ("rules check: a rule listed twice in contradicts: is an error", check_contradicts_listed_twice),
    ("rules check: problems in file order, two on one line by column", check_lists_problems_in_file_order),
    ("rules check: a missing file", check_missing_file),
    ("rules check: warnings in Chinese, the JSON in English", rules_check_zh),
]
for f in sorted(os.listdir(RULES)):
    if re.match(r"^(bad|custom-bad)-.*\.yaml$", f):
        TESTS.append((f"rules check: refuses {f} as dsselect --rules does", lambda f=f: check_refused_table(R(f))))
        if f != "custom-bad-clash.yaml":  # a flag clash is the command's own message (src/cli), not the loader's
            TESTS.append((f"rules check: refuses {f} in Chinese", lambda f=f: check_refused_table_zh(R(f))))
TESTS += [
    ("rules test: the default table", rules_test_default),
    ("rules test: a wrong example and a wrong case", lambda: rules_test_failures("en")),
    ("rules test: a wrong example and a wrong case, in Chinese", lambda: rules_test_failures("zh")),
    ("rules test: a table that does not load", rules_test_refused),
    ("rules test: a table that does not load, in Chinese", rules_test_refused_zh),
    ("rules list: text", rules_list_text),
    ("rules list and show: in Chinese", rules_list_zh),
    ("rules list: JSON", rules_list_json),
    ("rules list: a custom table", rules_list_custom),
    ("rules list: CJK refs, classes and models line up by display width", rules_list_cjk),
    ("--help and evidence: a CJK unit and ref keep their columns", cjk_help_and_evidence),
    ("rules show: JSON", rules_show_json),
]
for c in SHOW_CASES:
    TESTS.append((" ".join(c["args"]) + (" (LANG=zh)" if c.get("env") else ""), lambda c=c: show_case(c)))
TESTS += [
    ("--explain: text", explain_text),
    ("--explain: JSON trace", explain_json),
    ("--explain: --batch and a custom table", explain_batch),
    ("custom table: its fact's flag in --help and in decisions", custom_fact),
]


def main():
    passed = failed = 0
    for name, fn in TESTS:
        try:
            why = fn()
        except Exception as e:  # a test that crashes is a failure, not an abort
            why = [f"raised {type(e).__name__}: {e}"]
        if why:
            failed += 1
            print(f"FAIL {name}")
            for w in why:
                print(f"    {w}")
        else:
            passed += 1
    shutil.rmtree(TMP, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
