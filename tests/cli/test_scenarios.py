#!/usr/bin/env python3
"""Realistic scenarios drawn from the article (tests/cli/scenarios.tsv), run through the binary.

usage: python3 tests/cli/test_scenarios.py PATH/TO/dsselect [SCENARIOS.tsv]

Each line of the table is a workload as a platform engineer would type it, with the model, status
and fallback a careful reader of the article expects and the refs of the rules that must fire. Each
scenario is run as flags (--format json) and checked: exit status, status, model, recommendation and
fallback, the refs among reasons[].source. Then all of them go through --batch at once (one NDJSON
object a line, built from the same flags) and must give the same answers.

Each test is a function returning a list of problems; one test per scenario. Prints each failure and
ends with one line 'N passed, M failed'; exits 1 on any failure.
"""
import json
import os
import re
import shlex
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.path.abspath(sys.argv[1])
TABLE = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "scenarios.tsv")
# The spec's keys and their JSON types: the same facts the flags set (docs/schema, checked against
# the binary by test_schema.py).
SCHEMA = os.path.join(HERE, "..", "..", "docs", "schema", "spec.schema.json")
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
COLUMNS = ["name", "flags", "model", "status", "fallback", "refs", "why"]
MODELS = ("V1", "V2")
STATUSES = ("recommended", "default", "conflict")
ARTICLE_REFS = [f"{s}.{i}" for s in range(1, 6) for i in range(1, 4)]  # five sections, three items each
# a rule by its label: the ref, and the rule's id where two rules cite the ref (1.2)
REF = re.compile(r"^!?[1-5]\.[1-3]( [a-z0-9]+(-[a-z0-9]+)*)?$")


def run(args, stdin=None):
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, env=ENV, timeout=60)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def read_table(path):
    """The scenarios as dicts (with 'line', the line number), and the problems of the file itself."""
    rows, bad, header = [], [], None
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                if header != COLUMNS:
                    bad.append(f"line {n}: header {header}, want {COLUMNS}")
                continue
            if len(cells) != len(COLUMNS):
                bad.append(f"line {n}: {len(cells)} columns, want {len(COLUMNS)}: {line[:80]!r}")
                continue
            row = dict(zip(COLUMNS, (c.strip() for c in cells)))
            row["line"] = n
            rows.append(row)
    if header is None:
        bad.append("no header line")
    return rows, bad


ROWS, TABLE_PROBLEMS = read_table(TABLE)


def label(row):
    return f"line {row['line']} '{row['name']}'"


def refs_of(row):
    """(refs that must fire, refs that must not)."""
    if row["refs"] == "-":
        return [], []
    refs = [r.strip() for r in row["refs"].split(",")]
    return [r for r in refs if not r.startswith("!")], [r[1:] for r in refs if r.startswith("!")]


def load_types():
    with open(SCHEMA, encoding="utf-8") as f:
        props = json.load(f)["properties"]
    return {k: v["type"] for k, v in props.items() if k != "id"}


TYPES = load_types()


def spec_of(flags):
    """The spec object the flags give: --foo-bar V is key foo_bar; a boolean --foo is true, --no-foo false."""
    words, spec = shlex.split(flags), {}
    i = 0
    while i < len(words):
        word = words[i]
        i += 1
        if not word.startswith("--"):
            raise ValueError(f"{word!r} is not a flag")
        name, eq, value = word[2:].partition("=")
        key = name.replace("-", "_")
        if key.startswith("no_") and TYPES.get(key[3:]) == "boolean" and not eq:
            spec[key[3:]] = False
            continue
        kind = TYPES.get(key)
        if kind is None:
            raise ValueError(f"{word!r} sets no fact of the spec")
        if kind == "boolean":
            if eq:
                raise ValueError(f"{word!r}: a boolean flag takes no value")
            spec[key] = True
            continue
        if not eq:
            if i >= len(words):
                raise ValueError(f"{word!r} needs a value")
            value = words[i]
            i += 1
        if kind == "integer":
            spec[key] = int(value)
        elif kind == "number":
            spec[key] = int(value) if re.fullmatch(r"-?\d+", value) else float(value)
        elif kind == "array":
            spec[key] = value.split(",")
        else:
            spec[key] = value
    return spec


def check_result(row, d, rc, where):
    """The problems of one result d (exit rc) against the row's expectation."""
    bad = []
    want_rc = 1 if row["status"] == "conflict" else 0
    if rc is not None and rc != want_rc:
        bad.append(f"{where}exit {rc}, want {want_rc}")
    got = (d.get("model"), d.get("status"), d.get("fallback") or "-")
    want = (row["model"], row["status"], row["fallback"])
    if got != want:
        bad.append(f"{where}model/status/fallback {'/'.join(map(str, got))}, want {'/'.join(want)}")
    if d.get("status") == "conflict":
        if d.get("recommendation") is not None or d.get("fallback") != d.get("model"):
            bad.append(f"{where}a conflict with recommendation {d.get('recommendation')}, "
                       f"fallback {d.get('fallback')}, model {d.get('model')}")
    elif d.get("recommendation") != d.get("model") or d.get("fallback") is not None:
        bad.append(f"{where}status {d.get('status')} with recommendation {d.get('recommendation')}, "
                   f"fallback {d.get('fallback')}, model {d.get('model')}")
    # each fired rule by label: the ref, or the ref and id ("1.2 multi-gpu-nccl" and "1.2 no-cluster-for-moe")
    fired = [r.get("source") for r in d.get("reasons", [])] + \
        [f"{r.get('source')} {r.get('rule')}" for r in d.get("reasons", [])]
    fire, not_fire = refs_of(row)
    missing = [r for r in fire if r not in fired]
    extra = [r for r in not_fire if r in fired]
    if missing:
        bad.append(f"{where}{','.join(missing)} did not fire (fired: {','.join(fired) or 'none'})")
    if extra:
        bad.append(f"{where}{','.join(extra)} fired but must not (fired: {','.join(fired)})")
    return bad


FLAG_RUNS = {}  # line -> (exit, result or None): the flag runs, for the batch comparison


def flag_run(row):
    if row["line"] not in FLAG_RUNS:
        rc, out, err = run(["--format", "json"] + shlex.split(row["flags"]))
        try:
            d = json.loads(out)
        except ValueError:
            d = None
        FLAG_RUNS[row["line"]] = (rc, d, err)
    return FLAG_RUNS[row["line"]]


def scenario_test(row):
    def t():
        rc, d, err = flag_run(row)
        if d is None:
            return [f"{label(row)}: exit {rc}, no JSON result; stderr {err.strip()[:200]!r}"]
        return [f"{label(row)}: {p}" for p in check_result(row, d, rc, "")]
    t.__doc__ = row["name"]
    return t


for k, row in enumerate(ROWS, 1):
    globals()[f"t_scenario_{k:03d}"] = scenario_test(row)


def t_table_is_well_formed():
    """At least 30 scenarios, each one consistent in itself; every article item expected somewhere."""
    bad = list(TABLE_PROBLEMS)
    if len(ROWS) < 30:
        bad.append(f"{len(ROWS)} scenarios, want at least 30")
    seen_names, seen_flags, covered = {}, {}, set()
    for row in ROWS:
        where = label(row)
        if row["name"] in seen_names:
            bad.append(f"{where}: the same name as line {seen_names[row['name']]}")
        seen_names.setdefault(row["name"], row["line"])
        try:
            norm = json.dumps(spec_of(row["flags"]), sort_keys=True)
        except ValueError as e:
            bad.append(f"{where}: flags {row['flags']!r}: {e}")
            continue
        if norm in seen_flags:
            bad.append(f"{where}: the same facts as line {seen_flags[norm]}")
        seen_flags.setdefault(norm, row["line"])
        if row["model"] not in MODELS:
            bad.append(f"{where}: model {row['model']!r}, want one of {MODELS}")
        if row["status"] not in STATUSES:
            bad.append(f"{where}: status {row['status']!r}, want one of {STATUSES}")
        if row["status"] == "conflict" and row["fallback"] != row["model"]:
            bad.append(f"{where}: a conflict's fallback {row['fallback']!r} is not its model {row['model']!r}")
        if row["status"] != "conflict" and row["fallback"] != "-":
            bad.append(f"{where}: fallback {row['fallback']!r} without a conflict (want -)")
        if row["refs"] != "-":
            for r in row["refs"].split(","):
                if not REF.match(r.strip()):
                    bad.append(f"{where}: ref {r!r} is not an article item (1.1 to 5.3, or !REF)")
        fire, _ = refs_of(row)
        covered.update(r.split(" ")[0] for r in fire)
        if not row["why"]:
            bad.append(f"{where}: no why")
    uncovered = [r for r in ARTICLE_REFS if r not in covered]
    if uncovered:
        bad.append(f"article items no scenario expects to fire: {', '.join(uncovered)}")
    return bad


def t_batch_gives_the_same_answers():
    """All scenarios through --batch at once: one result a line, in order, each like its flag run."""
    bad, lines = [], []
    for row in ROWS:
        try:
            spec = spec_of(row["flags"])
        except ValueError as e:
            bad.append(f"{label(row)}: flags {row['flags']!r}: {e}")
            spec = {}
        spec["id"] = row["name"]
        lines.append(json.dumps(spec, ensure_ascii=False))
    rc, out, err = run(["--batch"], ("\n".join(lines) + "\n").encode())
    results = []
    for n, text in enumerate(out.splitlines(), 1):
        try:
            results.append(json.loads(text))
        except ValueError:
            bad.append(f"batch output line {n} is not JSON: {text[:80]!r}")
            results.append({})
    if len(results) != len(ROWS):
        bad.append(f"batch gave {len(results)} results for {len(ROWS)} scenarios")
    for row, d in zip(ROWS, results):
        where = f"{label(row)}: batch: "
        if "error" in d:
            bad.append(f"{where}error {d['error']!r}")
            continue
        if d.get("id") != row["name"]:
            bad.append(f"{where}id {d.get('id')!r}: out of order")
            continue
        frc, fd, _ = flag_run(row)
        if fd is None:  # no flag result to compare with: the expectation
            bad += check_result(row, d, None, where)
            continue
        got = (d.get("model"), d.get("status"), d.get("fallback"), d.get("recommendation"))
        flags = (fd.get("model"), fd.get("status"), fd.get("fallback"), fd.get("recommendation"))
        if got != flags:
            bad.append(f"{where}model/status/fallback/recommendation {got}, the flags gave {flags}")
        sources = sorted(r.get("source") for r in d.get("reasons", []))
        fsources = sorted(r.get("source") for r in fd.get("reasons", []))
        if sources != fsources:
            bad.append(f"{where}fired {','.join(sources)}, the flags fired {','.join(fsources)}")
    # the most severe record: 1 when a flag run (or, without one, the expectation) is a conflict
    worst = max([flag_run(r)[0] if flag_run(r)[0] in (0, 1) else int(r["status"] == "conflict")
                 for r in ROWS] or [0])
    if rc != worst:
        bad.append(f"batch exit {rc}, want {worst} (the most severe record; stderr {err.strip()[:200]!r})")
    return bad


# ---- the advice of "What beat what", followed (issue 14) ----

def explain(spec):
    rc, out, err = run(["--spec", "-", "--format", "json", "--explain", "--changes", "0"], json.dumps(spec).encode())
    return json.loads(out)


def reads(d, rule, key):
    """Whether rule (an id) reads fact key, by its trace's leaves (a product reads both facts)."""
    for t in d["trace"]:
        if t["rule"] == rule:
            return any(key in lf["fact"].split(" × ") for lf in t["leaves"])
    return False


def forget(spec, key, d0, keep):
    """Makes fact key unknown: its value goes, and what a derivation fills it from (not a fact rule keep
    reads). Unknown facts fire no rule, so switching a rule off this way starts nothing else."""
    for _ in range(len(TYPES) + 1):
        d = explain(spec)
        if key not in d["facts"]:
            return True
        if key in spec:
            del spec[key]
            continue
        for g in [g for g in spec if not reads(d0, keep, g)]:
            s2 = {k: v for k, v in spec.items() if k != g}
            if explain(s2)["facts"].get(key, None) != d["facts"][key]:
                del spec[g]
                break
        else:
            return False
    return False


def allow(reason):
    """The models a hard reason leaves standing."""
    return {reason["model"]} if reason["effect"] == "require" else set(MODELS) - {reason["model"]}


def t_the_advice_works_in_every_scenario():
    """Every override of every scenario: switch off the rules that beat it, one by one (their facts made
    unknown, the overridden rule's kept); it is then beaten only by listed rules not yet off, and with all
    of them off it applies."""
    bad, overrides = [], 0
    by_label = {}
    rc, out, err = run(["rules", "list", "--format", "json"])
    for r in json.loads(out):
        by_label[r["label"]] = r["rule"]
    for row in ROWS:
        spec = spec_of(row["flags"])
        d0 = explain(spec)
        for r in d0["reasons"]:
            if r["state"] != "overridden":
                continue
            overrides += 1
            beaters = [by_label[b] for b in r["beaten_by"]]
            s = dict(spec)
            for k, b in enumerate(beaters):
                for key in TYPES:
                    if reads(d0, b, key) and not reads(d0, r["rule"], key) and not forget(s, key, d0, r["rule"]):
                        bad.append(f"{label(row)}: cannot make {key} unknown to switch off {b}")
                d = explain(s)
                now = next((x for x in d["reasons"] if x["rule"] == r["rule"]), None)
                if any(x["rule"] == b for x in d["reasons"]) or now is None:
                    bad.append(f"{label(row)}: switching off {b}: it still fires, or {r['rule']} stopped")
                    break
                left = [by_label[x] for x in now["beaten_by"]]
                if any(x not in beaters[k + 1:] for x in left) or (k + 1 == len(beaters) and now["state"] == "overridden"):
                    bad.append(f"{label(row)}: with {beaters[:k + 1]} off, {r['rule']} is {now['state']}, "
                               f"beaten by {now['beaten_by']} (listed: {r['beaten_by']})")
            # the rules of its own class that apply against it, which the text names too; then it applies
            for q in d0["reasons"]:
                if q is not r and q["class"] == r["class"] and q["state"] == "applied" and \
                        not allow(q) & allow(r):
                    for key in TYPES:
                        if reads(d0, q["rule"], key) and not reads(d0, r["rule"], key):
                            forget(s, key, d0, r["rule"])
            now = next((x for x in explain(s)["reasons"] if x["rule"] == r["rule"]), None)
            if now is None or now["state"] != "applied":
                bad.append(f"{label(row)}: the whole advice followed, {r['rule']} is "
                           f"{now['state'] if now else 'not firing'}, not applied")
    if overrides < 10:
        bad.append(f"only {overrides} overrides in the scenarios")
    return bad


if __name__ == "__main__":
    run_tests(globals(), "t_")
