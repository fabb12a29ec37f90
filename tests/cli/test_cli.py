#!/usr/bin/env python3
"""CLI tests of the built dsselect binary against the interface contract.

usage: python3 tests/cli/test_cli.py PATH/TO/dsselect PATH/TO/tests/data

Data-driven: CASES below is a list of dicts, one per run of the binary:
  name      what is being checked (printed on failure)
  args      argv after the program name; "@/x" is DATA/x (the test data folder)
  stdin     text fed on stdin (default: nothing)
  env       extra environment (locale variables are cleared unless given here)
  stdout    "/dev/full" to write the output there instead of a pipe
  code      the expected exit status
  json      expected values in the parsed JSON stdout, {"key": value} or
            {"reasons.0.source": value}
  fired / not_fired   refs (e.g. "2.2") that must / must not be among reasons[].source
  out / not_out       substrings that must / must not be on stdout
  err / err_re        substrings / a regex (re.search) stderr must contain / match
  first_line          the first line of stdout must start with this
  check     a function (res) -> list of problems, for anything else
Every error exit (64, 65, 66, 74, 78) must leave stdout empty and write exactly
one line on stderr; 0 and 1 must write nothing on stderr; 2 exactly one line.
Every JSON document printed is checked against the contract's section 4.
Prints each failure and ends with one line 'N passed, M failed'; exit 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

if len(sys.argv) != 3:
    sys.stderr.write("usage: test_cli.py PATH/TO/dsselect PATH/TO/tests/data\n")
    sys.exit(64)
BIN = os.path.abspath(sys.argv[1])
DATA = os.path.abspath(sys.argv[2])
RULES_DEFAULT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules",
                             "deepseek-v1-v2.yaml")
LOCALE_VARS = ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE")
CJK = re.compile("[\u4e00-\u9fff]")
MODELS = ("V1", "V2")
ERROR_CODES = (64, 65, 66, 74, 78)
TMP = tempfile.mkdtemp(prefix="dsselect-cli-")


def D(rel):
    return os.path.join(DATA, rel)


class Res:
    def __init__(self, code, out, err):
        self.code, self.out, self.err = code, out, err
        self.doc, self.doc_error = None, None


def run(args, stdin=None, env=None, stdout=None):
    e = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    e.update(env or {})
    argv = [BIN] + [D(a[2:]) if a.startswith("@/") else a for a in args]
    data = (stdin or "").encode("utf-8")
    if stdout == "/dev/full":
        with open("/dev/full", "w") as full:
            p = subprocess.run(argv, input=data, stdout=full, stderr=subprocess.PIPE, env=e, timeout=30)
        return Res(p.returncode, "", p.stderr.decode("utf-8", "replace"))
    p = subprocess.run(argv, input=data, capture_output=True, env=e, timeout=30)
    return Res(p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace"))


# ---- the contract's section 4, checked on every JSON result ----

REASON_KEYS = ("source", "rule", "class", "effect", "model", "message", "overridden_by")


def validate_result(doc, models=MODELS, where="result"):
    bad = []
    if not isinstance(doc, dict):
        return [f"{where}: not a JSON object"]
    for k in ("recommendation", "status", "fallback", "scores", "reasons", "missing", "warnings"):
        if k not in doc:
            bad.append(f"{where}: key {k!r} missing")
    if bad:
        return bad
    st = doc["status"]
    if st not in ("recommended", "conflict", "default"):
        bad.append(f"{where}: status {st!r}")
    if st == "conflict":
        if doc["recommendation"] is not None:
            bad.append(f"{where}: conflict with recommendation {doc['recommendation']!r}")
        if doc["fallback"] not in models:
            bad.append(f"{where}: conflict without a fallback model ({doc['fallback']!r})")
    elif doc["recommendation"] not in models:
        bad.append(f"{where}: status {st} with recommendation {doc['recommendation']!r}")
    if not isinstance(doc["scores"], dict) or sorted(doc["scores"]) != sorted(models) or \
            not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in doc["scores"].values()):
        bad.append(f"{where}: scores {doc['scores']!r} is not a number per model {models}")
    if not isinstance(doc["reasons"], list):
        bad.append(f"{where}: reasons is not a list")
    else:
        for i, r in enumerate(doc["reasons"]):
            if not isinstance(r, dict):
                bad.append(f"{where}: reasons[{i}] is not an object")
                continue
            for k in REASON_KEYS:
                if k not in r:
                    bad.append(f"{where}: reasons[{i}] lacks {k!r}")
            for k in ("source", "rule", "class", "effect", "model", "message"):
                if not isinstance(r.get(k), str) or not r.get(k):
                    bad.append(f"{where}: reasons[{i}].{k} is {r.get(k)!r}, want a non-empty string")
            if r.get("effect") not in ("require", "forbid", "prefer", "avoid"):
                bad.append(f"{where}: reasons[{i}].effect {r.get('effect')!r}")
            if r.get("model") not in models:
                bad.append(f"{where}: reasons[{i}].model {r.get('model')!r}")
            ob = r.get("overridden_by")
            if ob is not None and not isinstance(ob, str):
                bad.append(f"{where}: reasons[{i}].overridden_by {ob!r}")
    for k in ("missing", "warnings"):
        if not isinstance(doc[k], list) or not all(isinstance(x, str) for x in doc[k]):
            bad.append(f"{where}: {k} {doc[k]!r} is not a list of strings")
    return bad


def get_path(doc, path):
    cur = doc
    for part in path.split("."):
        if isinstance(cur, list):
            cur = cur[int(part)]
        elif isinstance(cur, dict):
            if part not in cur:
                raise KeyError(path)
            cur = cur[part]
        else:
            raise KeyError(path)
    return cur


def sources(doc):
    return [r.get("source") for r in doc.get("reasons", [])]


def reason(doc, ref):
    for r in doc.get("reasons", []):
        if r.get("source") == ref:
            return r
    return {}


def is_json_mode(c):
    a = c.get("args", [])
    for i, x in enumerate(a):
        if x in ("--format=json", "--format=ndjson"):
            return True
        if x == "--format" and i + 1 < len(a) and a[i + 1] in ("json", "ndjson"):
            return True
    return False


def check_case(c):
    res = run(c.get("args", []), c.get("stdin"), c.get("env"), c.get("stdout"))
    why = []
    if res.code != c["code"]:
        why.append(f"exit {res.code}, want {c['code']}")
    err_lines = res.err.splitlines()
    if c["code"] in ERROR_CODES:
        if res.out:
            why.append(f"stdout not empty: {res.out[:100]!r}")
        if len(err_lines) != 1 or not res.err.endswith("\n"):
            why.append(f"want exactly one line on stderr, got {res.err[:300]!r}")
    elif c["code"] == 2:
        if len(err_lines) != 1:
            why.append(f"want exactly one line on stderr, got {res.err[:300]!r}")
    elif res.err and not c.get("stderr_ok"):
        why.append(f"unexpected stderr: {res.err[:200]!r}")
    if is_json_mode(c) and c["code"] not in ERROR_CODES:
        try:
            res.doc = json.loads(res.out)
        except ValueError as e:
            res.doc_error = str(e)
            why.append(f"stdout is not one JSON document ({e}): {res.out[:120]!r}")
        if res.doc is not None:
            why += validate_result(res.doc, c.get("models", MODELS))
    for k, v in c.get("json", {}).items():
        if res.doc is None:
            break
        try:
            got = get_path(res.doc, k)
        except (KeyError, IndexError, ValueError):
            why.append(f"JSON has no {k!r}")
            continue
        if got != v or type(got) is not type(v):
            why.append(f"JSON {k} = {got!r}, want {v!r}")
    if res.doc is not None:
        srcs = sources(res.doc)
        for f in c.get("fired", ()):
            if f not in srcs:
                why.append(f"rule {f} did not fire (fired: {srcs})")
        for f in c.get("not_fired", ()):
            if f in srcs:
                why.append(f"rule {f} fired but should not (fired: {srcs})")
    for s in c.get("out", ()):
        if s not in res.out:
            why.append(f"stdout lacks {s!r}")
    for s in c.get("not_out", ()):
        if s in res.out:
            why.append(f"stdout has {s!r}")
    if "first_line" in c and not res.out.startswith(c["first_line"]):
        why.append(f"stdout starts {res.out.splitlines()[0] if res.out else ''!r}, want {c['first_line']!r}")
    for s in c.get("err", ()):
        if s not in res.err:
            why.append(f"stderr lacks {s!r}: {res.err.strip()[:200]!r}")
    if "err_re" in c and not re.search(c["err_re"], res.err):
        why.append(f"stderr {res.err.strip()[:200]!r} does not match {c['err_re']!r}")
    if "check" in c and res.code == c["code"]:
        try:
            why += c["check"](res)
        except Exception as e:  # a check that crashes is a failure, not an abort
            why.append(f"check raised {type(e).__name__}: {e}")
    return why


# ---- checks used by several cases ----

def conflict_names_winner(res):
    """Every reason not applied in a conflict names what beat it or what it contradicts."""
    bad = []
    for r in res.doc["reasons"]:
        st = r.get("state")
        if st == "overridden" and not r.get("overridden_by"):
            bad.append(f"reason {r['source']} overridden but overridden_by is {r.get('overridden_by')!r}")
        if st == "contradicted" and not (r.get("overridden_by") or r.get("contradicts")):
            bad.append(f"reason {r['source']} contradicted but names no other rule")
    return bad


def text_lists_refs(*refs):
    def chk(res):
        # a ref two rules cite is followed by the rule's id: [1.2 multi-gpu-nccl]
        return [f"text lacks [{r}]" for r in refs if f"[{r}]" not in res.out and f"[{r} " not in res.out]
    return chk


def conflict_line(beaten, winner, *words):
    """A line of the text names the beaten rule, its winner and the given words."""
    def chk(res):
        for line in res.out.splitlines():
            if beaten in line and winner in line and all(w in line for w in words) and \
                    not line.lstrip().startswith("["):
                return []
        return [f"no conflict line naming {beaten} beaten by {winner} ({words}) in {res.out!r}"]
    return chk


def has_cjk(res):
    return [] if CJK.search(res.out) else ["no Chinese characters in the text"]


def no_cjk(res):
    m = CJK.search(res.out)
    return [f"Chinese character {m.group(0)!r} in English text"] if m else []


def chain(*fns):
    def chk(res):
        out = []
        for f in fns:
            out += f(res)
        return out
    return chk


def ndjson_one_line(res):
    return [] if res.out.count("\n") == 1 and res.out.endswith("\n") else \
        [f"ndjson is not one line: {res.out[:120]!r}"]


def pretty_json(res):
    return [] if res.out.count("\n") > 3 and res.out.endswith("\n") else ["json output is not pretty-printed"]


def fact_flags(path):
    """The fact flags and their types declared in a rule table (flag: lines)."""
    flags, cur = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s+flag:\s*(\S+)", line)
            if m:
                cur = m.group(1).strip("\"'")
                flags.append([cur, None])
            m = re.match(r"\s+type:\s*(\S+)", line)
            if m and flags and flags[-1][1] is None:
                flags[-1][1] = m.group(1)
    return flags


def help_lists(table, extra=(), absent=()):
    def chk(res):
        bad = []
        for flag, typ in fact_flags(table):
            want = f"--[no-]{flag}" if typ == "boolean" else f"--{flag} "
            if want not in res.out and f"--{flag}" not in res.out.split():
                bad.append(f"--help lacks the fact flag --{flag}")
        for o in extra:
            if o not in res.out:
                bad.append(f"--help lacks {o}")
        for o in absent:  # an option line of --help (examples may mention anything)
            if re.search(r"^\s+--(\[no-\])?" + re.escape(o) + r"\b", res.out, re.M):
                bad.append(f"--help lists --{o}, which is not in this table")
        return bad
    return chk


BUILTIN = ("--spec", "--expect", "--format", "--lang", "--rules", "--help", "--version")

CONTRACT12 = ["--gpu-mem", "12", "--task", "contract-extraction"]
CLUSTER = ["--gpus", "4", "--gpu-model", "a10g", "--gpu-mem", "24", "--nccl", "--task", "contract-extraction"]
T4 = ["--gpu-mem", "16", "--gpu-model", "t4", "--task", "intent-classification", "--avg-tokens", "100",
      "--p99-ms", "80"]
CUSTOM = "@/rules/custom-context.yaml"
CUSTOM_MODELS = ("SMALL", "LONG")
ZH = {"LANG": "zh_CN.UTF-8"}

CASES = [
    # ---- the public smoke cases ----
    dict(name="smoke: 12 GB + contract extraction is a conflict, V1 fallback", args=CONTRACT12 + ["--format", "json"],
         code=1, json={"status": "conflict", "recommendation": None, "fallback": "V1"}, fired=["1.1", "2.2"]),
    dict(name="smoke: 4xA10G with NCCL takes V2", args=CLUSTER + ["--format", "json"], code=0,
         json={"status": "recommended", "recommendation": "V2"}, fired=["1.2", "2.2"]),
    dict(name="smoke: low-latency intent classification on T4 takes V1", args=T4 + ["--format", "json"], code=0,
         json={"status": "recommended", "recommendation": "V1"}, fired=["2.1", "3.1"]),
    dict(name="smoke: filing beats streaming", args=["--filing", "--streaming", "--format", "json"], code=1,
         json={"status": "conflict", "recommendation": None, "fallback": "V1"}, fired=["4.3", "5.1"],
         check=conflict_names_winner),
    dict(name="smoke: nothing known gives the default V1", args=["--task", "general", "--format", "json"], code=0,
         json={"status": "default", "recommendation": "V1"},
         check=lambda r: [] if r.doc["missing"] else ["default status with an empty missing list"]),
    dict(name="smoke: JSON spec on stdin", args=["--spec", "-", "--format", "json"],
         stdin='{"gpu_mem": 12, "task": "contract-extraction"}', code=1,
         json={"status": "conflict", "fallback": "V1"}, fired=["1.1", "2.2"]),
    dict(name="smoke: negative memory is a usage error", args=["--gpu-mem", "-1", "--format", "json"], code=64,
         err=["--gpu-mem"]),
    dict(name="smoke: unknown spec key is a data error", args=["--spec", "-", "--format", "json"],
         stdin='{"gpu_mem": 12, "gpu_mme": 3}', code=65, err=["gpu_mme", "gpu_mem"], err_re=r":1:\d+: "),

    # ---- exit 0 and 1: decisions ----
    dict(name="conflict details: 2.2 overridden by 1.1", args=CONTRACT12 + ["--format", "json"], code=1,
         check=lambda r: ([] if reason(r.doc, "2.2").get("overridden_by") == "1.1" else
                          [f"2.2 overridden_by {reason(r.doc, '2.2').get('overridden_by')!r}, want '1.1'"]) +
                         ([] if reason(r.doc, "1.1").get("overridden_by") is None else ["1.1 should not be overridden"])),
    dict(name="reason fields of 2.2", args=CONTRACT12 + ["--format", "json"], code=1,
         check=lambda r: [f"2.2.{k} = {reason(r.doc, '2.2').get(k)!r}, want {v!r}" for k, v in
                          {"rule": "task-contract-extraction", "class": "quality", "effect": "require",
                           "model": "V2"}.items() if reason(r.doc, "2.2").get(k) != v]),
    dict(name="one 80 GB GPU: 1.2 avoids V2", args=["--gpu-mem", "80", "--format", "json"], code=0,
         json={"status": "recommended", "recommendation": "V1", "reasons.0.source": "1.2",
               "reasons.0.effect": "avoid"}, not_fired=["1.1"]),
    dict(name="4x24 GB without NCCL: 1.2 avoids V2", args=["--gpus", "4", "--gpu-mem", "24", "--no-nccl",
                                                          "--format", "json"], code=0,
         json={"recommendation": "V1", "reasons.0.rule": "no-cluster-for-moe"}),
    dict(name="CPU only: 1.1 forbids V2", args=["--gpu-mem", "0", "--format", "json"], code=0,
         json={"recommendation": "V1", "status": "recommended"}, fired=["1.1"]),
    dict(name="edge + OpenAPI: 3.3 overrides 2.3", args=["--platform", "edge", "--task", "openapi-generation",
                                                        "--format", "json"], code=1,
         json={"status": "conflict", "fallback": "V1"}, fired=["3.3", "2.3"], check=conflict_names_winner),
    dict(name="3.1 and 3.2 (same class) contradict each other", args=[
        "--avg-tokens", "100", "--p99-ms", "50", "--concurrency", "300", "--input-tokens", "600", "--format", "json"],
         code=1, json={"status": "conflict", "recommendation": None}, fired=["3.1", "3.2"], check=conflict_names_winner),
    dict(name="data with code requires V2", args=["--data", "text,code", "--format", "json"], code=0,
         json={"recommendation": "V2"}, fired=["4.2"]),
    dict(name="credit approval without logging forbids V2", args=["--credit-approval", "--format", "json"], code=0,
         json={"recommendation": "V1"}, fired=["5.2"]),
    dict(name="--expert-logging lifts 5.2", args=["--credit-approval", "--expert-logging", "--format", "json"],
         code=0, not_fired=["5.2"]),
    dict(name="MLPS 3 forbids V2", args=["--mlps-level", "3", "--format", "json"], code=0,
         json={"recommendation": "V1"}, fired=["5.3"]),
    dict(name="kubernetes without topology: 1.3", args=["--platform", "kubernetes", "--format", "json"], code=0,
         json={"recommendation": "V1"}, fired=["1.3"]),
    dict(name="small costly corpus: 4.1 prefers V1", args=["--corpus-size", "1000", "--labeling-cost", "high",
                                                          "--format", "json"], code=0,
         json={"recommendation": "V1", "status": "recommended"}, fired=["4.1"]),
    dict(name="gpu model fills gpu_mem with a warning", args=["--gpu-model", "a100", "--gpus", "2", "--nccl",
                                                             "--format", "json"], code=0,
         json={"recommendation": "V2"}, fired=["1.2"],
         check=lambda r: [] if r.doc["warnings"] else ["no warning about the assumed gpu_mem"]),
    dict(name="--name=value form", args=["--gpu-mem=12", "--task=contract-extraction", "--format=json"], code=1,
         fired=["1.1", "2.2"]),
    dict(name="--format ndjson is one line", args=CONTRACT12 + ["--format", "ndjson"], code=1, check=ndjson_one_line),
    dict(name="--format json is pretty", args=CONTRACT12 + ["--format", "json"], code=1, check=pretty_json),

    # ---- exit 2: --expect ----
    dict(name="--expect V2 on a V1 fallback gives 2", args=CONTRACT12 + ["--expect", "V2"], code=2,
         err=["V2"]),
    dict(name="--expect V1 on a V2 recommendation gives 2", args=["--streaming", "--expect", "V1"], code=2),
    dict(name="--expect that matches a recommendation gives 0", args=CLUSTER + ["--expect", "V2"], code=0),
    dict(name="--expect that matches the default gives 0", args=["--task", "general", "--expect", "V1"], code=0),
    dict(name="--expect that matches the fallback of a conflict gives 1", args=CONTRACT12 + ["--expect", "V1"],
         code=1),
    dict(name="--expect still prints the result", args=CONTRACT12 + ["--expect", "V2", "--format", "json"], code=2,
         json={"fallback": "V1"}),

    # ---- exit 64: usage ----
    dict(name="unknown flag with a suggestion", args=["--gpu-mme", "12"], code=64, err=["--gpu-mme", "--gpu-mem"],
         err_re=r"did you mean"),
    dict(name="--gpu-mem -1", args=["--gpu-mem", "-1"], code=64, err=["--gpu-mem"]),
    dict(name="--gpu-mem abc", args=["--gpu-mem", "abc"], code=64, err=["--gpu-mem", "abc"]),
    dict(name="--gpu-mem . (no digits)", args=["--gpu-mem", "."], code=64, err=["--gpu-mem", "expected a number"]),
    dict(name="--p99-ms +. (no digits)", args=["--p99-ms", "+."], code=64, err=["--p99-ms", "expected a number"]),
    dict(name="a YAML spec's number without digits", args=["--spec", "-"], stdin="gpu_mem: -.\n", code=65,
         err=["1:10:", "gpu_mem", "expected a number"]),
    dict(name="--gpu-mem inf", args=["--gpu-mem", "inf"], code=64, err=["--gpu-mem"]),
    dict(name="--gpu-mem nan", args=["--gpu-mem", "nan"], code=64, err=["--gpu-mem"]),
    dict(name="--gpu-mem 1e400 (overflows to infinity)", args=["--gpu-mem", "1e400"], code=64, err=["--gpu-mem"]),
    dict(name="--gpu-mem above the range", args=["--gpu-mem", "5000"], code=64, err=["--gpu-mem", "4096"]),
    dict(name="--gpus not an integer", args=["--gpus", "1.5"], code=64, err=["--gpus"]),
    dict(name="--p99-ms 0 (must be > 0)", args=["--p99-ms", "0"], code=64, err=["--p99-ms"]),
    dict(name="--mlps-level 6", args=["--mlps-level", "6"], code=64, err=["--mlps-level"]),
    dict(name="enum typo with a suggestion", args=["--task", "contract-extractoin"], code=64,
         err=["--task", "contract-extractoin", "did you mean", "contract-extraction"]),
    dict(name="set with an unknown member", args=["--data", "code,foo"], code=64, err=["--data", "foo"]),
    dict(name="--format jsn", args=["--format", "jsn"], code=64, err=["--format", "jsn", "json"]),
    dict(name="--lang fr", args=["--lang", "fr"], code=64, err=["--lang", "fr"]),
    dict(name="boolean given a value", args=["--nccl=yes"], code=64, err=["--nccl"]),
    dict(name="--no- form of a non-boolean", args=["--no-gpu-mem"], code=64, err=["--no-gpu-mem"]),
    dict(name="--no- form of a non-boolean with a value", args=["--no-gpu-mem", "12"], code=64,
         err=["--no-gpu-mem", "not a yes/no option"]),
    dict(name="missing value at the end", args=["--gpu-mem"], code=64, err=["--gpu-mem"]),
    dict(name="missing value of --format at the end", args=["--gpu-mem", "12", "--format"], code=64,
         err=["--format"]),
    dict(name="missing value of --spec at the end", args=["--spec"], code=64, err=["--spec"]),
    dict(name="a positional argument", args=["foo"], code=64, err=["foo"]),
    dict(name="a positional argument after flags", args=["--gpu-mem", "12", "extra"], code=64, err=["extra"]),
    dict(name="an argument after --", args=["--", "--gpu-mem"], code=64),
    dict(name="--expect an unknown model", args=["--expect", "V3"], code=64, err=["V3"]),
    dict(name="usage error is 64 even with a good spec", args=["--spec", "@/specs/small-gpu-contract.yaml",
                                                               "--gpu-mem", "x"], code=64),

    # ---- exit 65: bad spec ----
    dict(name="YAML spec: unknown key with line:col and suggestion", args=["--spec", "@/specs/bad-unknown-key.yaml"],
         code=65, err_re=r"bad-unknown-key\.yaml:3:\d+: ", err=["gpu_mme", "gpu_mem"]),
    dict(name="JSON spec: wrong type", args=["--spec", "@/specs/bad-type.json"], code=65,
         err_re=r"bad-type\.json:3:\d+: ", err=["gpus"]),
    dict(name="YAML spec: out of range", args=["--spec", "@/specs/bad-range.yaml"], code=65,
         err_re=r"bad-range\.yaml:2:\d+: ", err=["gpu_mem"]),
    dict(name="JSON spec: syntax error with line:col", args=["--spec", "@/specs/bad-syntax.json"], code=65,
         err_re=r"bad-syntax\.json:3:\d+: "),
    dict(name="YAML spec: duplicate key", args=["--spec", "@/specs/bad-duplicate.yaml"], code=65,
         err_re=r"bad-duplicate\.yaml:3:\d+: ", err=["gpu_mem"]),
    dict(name="YAML spec: non-finite number", args=["--spec", "@/specs/bad-nonfinite.yaml"], code=65,
         err=["gpu_mem"]),
    dict(name="stdin JSON: duplicate key", args=["--spec", "-"], stdin='{"gpu_mem": 12, "gpu_mem": 13}', code=65,
         err_re=r"^\S*:1:\d+: ", err=["gpu_mem"]),
    dict(name="stdin JSON: syntax error on line 2", args=["--spec", "-"], stdin='{"gpu_mem": 12,\n  "task": }',
         code=65, err_re=r":2:\d+: "),
    dict(name="stdin JSON: wrong type for a boolean", args=["--spec", "-"], stdin='{"nccl": "yes"}', code=65,
         err=["nccl"]),
    dict(name="stdin JSON: non-finite number", args=["--spec", "-"], stdin='{"gpu_mem": 1e400}', code=65,
         err=["gpu_mem"]),
    dict(name="stdin JSON: id of a wrong type", args=["--spec", "-"], stdin='{"id": true}', code=65, err=["id"]),
    dict(name="stdin: not a mapping", args=["--spec", "-"], stdin="[]", code=65),
    dict(name="stdin: empty", args=["--spec", "-"], stdin="", code=65),
    dict(name="stdin YAML: unknown key", args=["--spec", "-"], stdin="gpu_mem: 12\nnccll: true\n", code=65,
         err_re=r":2:\d+: ", err=["nccll", "nccl"]),

    # ---- exit 66: input files ----
    dict(name="--spec on a missing file", args=["--spec", "@/specs/no-such-file.yaml"], code=66,
         err=["no-such-file.yaml"], err_re=r"/no-such-file\.yaml: cannot open"),  # FILE: what, no line of it
    dict(name="--rules on a missing file", args=["--rules", "@/rules/no-such-table.yaml"], code=66,
         err=["no-such-table.yaml"], err_re=r"/no-such-table\.yaml: cannot open"),
    dict(name="--spec on a directory", args=["--spec", "@/specs"], code=66),
    dict(name="--rules on a directory", args=["--rules", "@/rules"], code=66),

    # ---- exit 78: bad rule tables ----
    dict(name="--rules on a table with a bad effect", args=["--rules", "@/rules/custom-bad-effect.yaml", "--help"],
         code=78, err_re="^" + re.escape(D("rules/custom-bad-effect.yaml")) + r":20:\d+: ", err=["forbidd"]),
    dict(name="--rules on a table with a YAML syntax error", args=["--rules", "@/rules/custom-bad-syntax.yaml"],
         code=78, err_re="^" + re.escape(D("rules/custom-bad-syntax.yaml")) + r":\d+:\d+: "),
    dict(name="--rules on a table whose fact flag clashes with --format",
         args=["--rules", "@/rules/custom-bad-clash.yaml"], code=78,
         err_re="^" + re.escape(D("rules/custom-bad-clash.yaml")) + r":\d+:\d+: ", err=["format"]),

    # ---- exit 74: output cannot be written ----
    dict(name="text to /dev/full", args=CONTRACT12, stdout="/dev/full", code=74),
    dict(name="json to /dev/full", args=["--gpu-mem", "80", "--format", "json"], stdout="/dev/full", code=74),
    dict(name="--help to /dev/full", args=["--help"], stdout="/dev/full", code=74),
    dict(name="--version to /dev/full", args=["--version"], stdout="/dev/full", code=74),

    # ---- specs, flags over specs, id ----
    dict(name="YAML spec file", args=["--spec", "@/specs/small-gpu-contract.yaml", "--format", "json"], code=1,
         json={"id": "yaml-small-gpu", "status": "conflict", "fallback": "V1"}, fired=["1.1", "2.2"]),
    dict(name="JSON spec file, numeric id", args=["--spec", "@/specs/a10g-cluster.json", "--format", "json"], code=0,
         json={"id": 7, "recommendation": "V2"}, fired=["1.2", "2.2"]),
    dict(name="YAML spec on stdin", args=["--spec", "-", "--format", "json"],
         stdin="id: from-stdin\ngpus: 4\ngpu_mem: 24\nnccl: true\n", code=0,
         json={"id": "from-stdin", "recommendation": "V2"}),
    dict(name="--gpu-mem 80 overrides the spec's 12", args=["--spec", "@/specs/small-gpu-contract.yaml",
                                                           "--gpu-mem", "80", "--format", "json"], code=0,
         json={"status": "recommended", "recommendation": "V2", "id": "yaml-small-gpu"}, not_fired=["1.1"]),
    dict(name="a flag before --spec overrides it too", args=["--gpu-mem", "80", "--spec",
                                                            "@/specs/small-gpu-contract.yaml", "--format", "json"],
         code=0, json={"recommendation": "V2"}, not_fired=["1.1"]),
    dict(name="spec nccl true", args=["--spec", "@/specs/cluster-soft.yaml", "--format", "json"], code=0,
         json={"recommendation": "V2", "reasons.0.effect": "prefer"}),
    dict(name="--no-nccl overrides the spec's nccl true", args=["--spec", "@/specs/cluster-soft.yaml", "--no-nccl",
                                                               "--format", "json"], code=0,
         json={"recommendation": "V1", "reasons.0.effect": "avoid", "reasons.0.rule": "no-cluster-for-moe"}),
    dict(name="a flag overrides a value from stdin", args=["--spec", "-", "--task", "general", "--format", "json"],
         stdin='{"gpu_mem": 12, "task": "contract-extraction"}', code=0,
         json={"status": "recommended", "recommendation": "V1"}, not_fired=["2.2"]),
    dict(name="string id echoed", args=["--spec", "-", "--format", "json"], stdin='{"id": "job-42", "gpu_mem": 12}',
         code=0, json={"id": "job-42"}),
    dict(name="number id echoed", args=["--spec", "-", "--format", "json"], stdin='{"id": 42, "gpu_mem": 12}',
         code=0, json={"id": 42}),
    dict(name="id with quotes, backslash and control chars", args=["--spec", "-", "--format", "ndjson"],
         stdin='{"id": "a\\"b\\\\c\\n\\t\\u0001\u4e2d", "gpu_mem": 12}', code=0,
         json={"id": 'a"b\\c\n\t\x01\u4e2d'}, check=ndjson_one_line),
    dict(name="no id key without an id", args=["--gpu-mem", "12", "--format", "json"], code=0,
         check=lambda r: ["an id key without an id"] if "id" in r.doc else []),

    # ---- languages ----
    dict(name="--lang zh text is Chinese", args=CONTRACT12 + ["--lang", "zh"], code=1, out=["冲突"],
         check=has_cjk),
    dict(name="--lang en text is English", args=CONTRACT12 + ["--lang", "en"], code=1, out=["Conflict"],
         check=no_cjk),
    dict(name="no locale: English", args=CONTRACT12, code=1, check=no_cjk),
    dict(name="LANG=zh_CN.UTF-8 picks Chinese", args=CONTRACT12, env=ZH, code=1, out=["冲突"]),
    dict(name="LANG=zh recommended text says 推荐", args=["--gpu-mem", "80"], env=ZH, code=0, out=["推荐"]),
    dict(name="LC_MESSAGES=zh picks Chinese", args=CONTRACT12, env={"LC_MESSAGES": "zh_CN.UTF-8"}, code=1,
         out=["冲突"]),
    dict(name="LC_ALL overrides LANG", args=CONTRACT12, env={"LANG": "zh_CN.UTF-8", "LC_ALL": "en_US.UTF-8"},
         code=1, check=no_cjk),
    dict(name="LC_ALL=zh overrides LANG=en", args=CONTRACT12, env={"LANG": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"},
         code=1, check=has_cjk),
    dict(name="LC_MESSAGES overrides LANG", args=CONTRACT12,
         env={"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, code=1, check=no_cjk),
    dict(name="--lang en overrides LANG=zh", args=CONTRACT12 + ["--lang", "en"], env=ZH, code=1, check=no_cjk),
    dict(name="--help in Chinese", args=["--help", "--lang", "zh"], code=0, check=has_cjk),

    # ---- text output ----
    dict(name="text: conflict verdict first, refs, what beat what", args=CONTRACT12, code=1,
         first_line="Conflict", out=["V1"],
         check=chain(text_lists_refs("1.1", "2.2"), conflict_line("2.2", "1.1", "overridden"))),
    dict(name="text zh: conflict section", args=CONTRACT12 + ["--lang", "zh"], code=1, first_line="冲突",
         check=chain(text_lists_refs("1.1", "2.2"), conflict_line("2.2", "1.1", "否决"))),
    dict(name="text: filing beats streaming", args=["--filing", "--streaming"], code=1,
         check=chain(text_lists_refs("5.1", "4.3"), conflict_line("4.3", "5.1", "overridden"))),
    dict(name="text: contradiction names both rules",
         args=["--avg-tokens", "100", "--p99-ms", "50", "--concurrency", "300", "--input-tokens", "600"], code=1,
         check=chain(text_lists_refs("3.1", "3.2"), conflict_line("3.1", "3.2", "contradict"))),
    dict(name="text: recommendation verdict first", args=T4, code=0, first_line="Recommendation: V1",
         check=text_lists_refs("2.1", "3.1")),
    dict(name="text: default verdict first", args=["--task", "general"], code=0, first_line="Recommendation: V1",
         out=["default"]),
    dict(name="text: 4xA10G", args=CLUSTER, code=0, first_line="Recommendation: V2",
         check=text_lists_refs("1.2", "2.2")),

    # ---- --help and --version ----
    dict(name="--help lists every fact flag and built-in option", args=["--help"], code=0,
         check=help_lists(RULES_DEFAULT, BUILTIN)),
    dict(name="-h is --help", args=["-h"], code=0, out=["--gpu-mem"]),
    dict(name="--help after fact flags", args=["--gpu-mem", "12", "--help"], code=0, out=["--spec"]),
    dict(name="--version", args=["--version"], code=0, err=[],
         check=lambda r: [] if re.match(r"dsselect \d+\.\d+\.\d+\n$", r.out) else [f"--version says {r.out!r}"]),

    # ---- a custom table via --rules: flags and decisions come from the table ----
    dict(name="custom --help lists the table's flags only", args=["--rules", CUSTOM, "--help"], code=0,
         out=["custom-context"],
         check=help_lists(D("rules/custom-context.yaml"), ("--spec", "--rules"), ("gpu-mem", "task", "nccl"))),
    dict(name="custom: long context requires LONG", args=["--rules", CUSTOM, "--context-length", "64000",
                                                        "--format", "json"], code=0, models=CUSTOM_MODELS,
         json={"status": "recommended", "recommendation": "LONG", "reasons.0.source": "9.1",
               "reasons.0.rule": "long-context"}),
    dict(name="custom: short context prefers SMALL", args=["--rules", CUSTOM, "--context-length", "100",
                                                         "--format", "json"], code=0, models=CUSTOM_MODELS,
         json={"status": "recommended", "recommendation": "SMALL", "scores.SMALL": 1}, fired=["9.2"]),
    dict(name="custom: nothing known gives the table's default", args=["--rules", CUSTOM, "--format", "json",
                                                                     "--spec", D("specs/empty.json")],
         code=0, models=CUSTOM_MODELS, json={"status": "default", "recommendation": "SMALL"},
         check=lambda r: [] if "context_length" in r.doc["missing"] else
         [f"context_length not missing: {r.doc['missing']}"]),
    dict(name="custom: --rules=FILE after the flags", args=["--context-length", "64000", "--format", "json",
                                                           "--rules=" + D("rules/custom-context.yaml")],
         code=0, models=CUSTOM_MODELS, json={"recommendation": "LONG"}),
    dict(name="custom: contradiction of two feasibility rules", args=[
        "--rules", CUSTOM, "--context-length", "64000", "--tiny-device", "--format", "json"], code=1,
         models=CUSTOM_MODELS, json={"status": "conflict", "fallback": "SMALL"}, fired=["9.1", "9.3"],
         check=conflict_names_winner),
    dict(name="custom: --expect a model of the table", args=["--rules", CUSTOM, "--context-length", "64000",
                                                            "--expect", "LONG"], code=0),
    dict(name="custom: --expect V1 is unknown there", args=["--rules", CUSTOM, "--expect", "V1"], code=64,
         err=["V1"]),
    dict(name="custom: --gpu-mem is not a flag there", args=["--rules", CUSTOM, "--gpu-mem", "12"], code=64,
         err=["--gpu-mem"]),
    dict(name="custom: typo suggests the table's flag", args=["--rules", CUSTOM, "--context-lenght", "5"],
         code=64, err=["--context-length"]),
    dict(name="--context-length is unknown without the table", args=["--context-length", "100"], code=64,
         err=["--context-length"]),
    dict(name="custom: text in Chinese uses the table's names", args=["--rules", CUSTOM, "--context-length",
                                                                     "64000", "--lang", "zh"], code=0,
         out=["长上下文模型", "[9.1]"]),
    dict(name="custom: spec keys come from the table", args=["--rules", CUSTOM, "--spec", "-", "--format", "json"],
         stdin='{"context_length": 50000}', code=0, models=CUSTOM_MODELS, json={"recommendation": "LONG"}),
    dict(name="custom: default-table key is unknown in a spec", args=["--rules", CUSTOM, "--spec", "-"],
         stdin='{"gpu_mem": 12}', code=65, err=["gpu_mem"]),

    # ---- hostile text stays one line, bad bytes are refused ----
    dict(name="a newline in a JSON key is escaped in the one stderr line", args=["--spec", "-"],
         stdin='{"a\\nb": 1}', code=65, err=["a\\nb"]),
    dict(name="a newline in a flag value is escaped", args=["--task", "a\nb"], code=64, err=["a\\nb"]),
    dict(name="invalid UTF-8 in a flag value is refused", args=["--gpu-model", "\udcff"], code=64,
         err=["UTF-8"]),
    dict(name="a YAML \\0 escape is refused, not cut short", args=["--spec", "-"],
         stdin='gpu_model: "jetson-orin-agx\\0junk"\n', code=65, err=["NUL"]),
    dict(name="a BOM does not turn JSON into YAML", args=["--spec", "-"],
         stdin='\ufeff{"gpu_mem": 01}', code=65, err=["1:13:", "leading zeros"]),
    dict(name="a large numeric id is echoed as written", args=["--spec", "-", "--format", "ndjson"],
         stdin='{"id": 123456789012345678, "gpu_mem": 8}', code=0, out=['"id":123456789012345678,']),
    dict(name="an integer past 2^53 is refused, not rounded", args=["--corpus-size", "9007199254740993"],
         code=64, err=["too large"]),
    dict(name="a number that underflows to 0 is refused", args=["--gpu-mem", "1e-400"], code=64,
         err=["--gpu-mem"]),
    dict(name="--rules= with no file name", args=["--rules="], code=64, err=["--rules"]),
    dict(name="--expect lists the models when nothing is close", args=["--expect", "Z9"], code=64,
         err=["V1, V2"]),
    dict(name="a value just out of range is shown exactly", args=["--gpu-mem", "4096.0001"], code=64,
         err=["got 4096.0001"]),
    dict(name="a tie without the default says so, not 'the table's default'",
         args=["--rules", os.path.join(os.path.dirname(RULES_DEFAULT), "examples", "three-models.yaml"),
               "--task", "openapi-generation"], code=0, models=("V1", "V2", "V2-Lite"),
         first_line="Recommendation: V2 (a tie"),
    # ---- values in any case, as the table spells them; blanks around list items ----
    dict(name="enum values in upper case", args=["--quant", "INT4", "--platform", "Kubernetes", "--format", "json"],
         code=0, json={"facts.quant": "int4", "facts.platform": "kubernetes"}),
    dict(name="a known GPU model in upper case fills its memory", args=["--gpu-model", "A100", "--format", "json"],
         code=0, json={"facts.gpu_model": "a100", "facts.gpu_mem": 40}),
    dict(name="an unknown GPU model keeps its spelling", args=["--gpu-model", "Tesla L4", "--format", "json"],
         code=0, json={"facts.gpu_model": "Tesla L4"}),
    dict(name="a spec's values in any case", args=["--spec", "-", "--format", "json"],
         stdin='{"task": "Contract-Extraction", "data": ["CODE"]}', code=0,
         json={"facts.task": "contract-extraction", "facts.data.0": "code"}, fired=["2.2", "4.2"]),
    dict(name="a YAML spec's values in any case", args=["--spec", "-", "--format", "json"],
         stdin="platform: EDGE\nquant: Int8\n", code=0, json={"facts.platform": "edge", "facts.quant": "int8"}),
    dict(name="keys and flags stay case-sensitive", args=["--spec", "-"], stdin='{"Quant": "int4"}', code=65,
         err=["unknown key 'Quant'"]),
    dict(name="--data with blanks after the commas", args=["--data", "code, math", "--format", "json"], code=0,
         json={"facts.data": ["code", "math"]}),
    dict(name="--data with an empty item is refused", args=["--data", "code, ,math"], code=64,
         err=["'' is not a valid data"]),
    # ---- spec errors in Chinese: the words change, the place keeps its ASCII form ----
    dict(name="zh: a wrong type in a JSON spec, at its place", args=["--lang", "zh", "--spec", "-"],
         stdin='{"gpu_mem": "x"}', code=65, err=["<stdin>:1:2: 键“gpu_mem”：应为数值，实际为字符串"]),
    dict(name="LANG=zh: a wrong type in a YAML spec", args=["--spec", "-"], env=ZH, stdin="gpus: 1\nnccl: yes\n",
         code=65, err=["<stdin>:2:7: 键“nccl”：应为 true 或 false，实际为“yes”（请写作 true）"]),
    dict(name="zh: a JSON syntax error", args=["--lang", "zh", "--spec", "-"], stdin='{"gpus": 01}', code=65,
         err=["<stdin>:1:10: JSON 语法错误：无效的数值：不允许有前导零"]),
    dict(name="zh: a spec that contradicts itself", args=["--lang", "zh", "--spec", "-"],
         stdin='{"gpus": 0, "gpu_mem": 8}', code=65, err=["<stdin>:1:13: gpu_mem 8 和 gpus 0 相互矛盾："]),
    dict(name="zh: a missing spec file, with the system's error in Chinese",
         args=["--lang", "zh", "--spec", "/nonexistent/spec.json"], code=66,
         err=["dsselect：/nonexistent/spec.json: 无法打开：文件或目录不存在"]),
    dict(name="en: a missing spec file keeps strerror's words", args=["--spec", "/nonexistent/spec.json"], code=66,
         err=["dsselect: /nonexistent/spec.json: cannot open: No such file or directory"]),
    dict(name="zh: a missing rule table, read by the library", args=["--lang", "zh", "--rules", "/nonexistent/t.yaml"],
         code=66, err=["/nonexistent/t.yaml: 无法打开：文件或目录不存在"]),
    dict(name="zh: a flag value refused", args=["--lang", "zh", "--quant", "fp8"], code=64,
         err=["“fp8”不是有效的 quant"]),
    dict(name="--help gives ranges and that --data takes several values", args=["--help"], code=0,
         out=["(an integer, 1..5)", "any of, comma-separated: code, math, tables, text", "rules check|test|list|show"]),
]


def zh_bad_specs_are_chinese():
    """Every bad spec of tests/data read with --lang zh: one message, in Chinese, at the same place as in English."""
    bad = []
    for name in sorted(os.listdir(D("specs"))):
        if not name.startswith("bad-"):
            continue
        if name == "bad-duplicate.yaml":
            continue  # the YAML reader's own message (ynode.c), converted in a change of its own
        en = run(["--spec", D("specs/" + name)])
        zh = run(["--lang", "zh", "--spec", D("specs/" + name)])
        where = re.match(r"^(\S+:\d+:\d+: )", en.err)
        if zh.code != en.code or zh.code != 65:
            bad.append(f"{name}: exit {zh.code} (English {en.code})")
        elif not CJK.search(zh.err) or len(zh.err.splitlines()) != 1:
            bad.append(f"{name}: not one Chinese line: {zh.err.strip()!r}")
        elif where and not zh.err.startswith(where.group(1)):
            bad.append(f"{name}: place {zh.err[:40]!r}, English {where.group(1)!r}")
    return bad


def yaml_names_are_yaml():
    """A *.yaml or *.yml file is YAML even when it starts with '{' (a flow mapping); other names are sniffed."""
    bad = []
    flow = "{gpus: 2, gpu_mem: 40, nccl: true, id: 007}\n"
    for name in ("flow.yaml", "flow.yml"):
        path = os.path.join(TMP, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(flow)
        r = run(["--spec", path, "--format", "ndjson"])
        if r.code != 0 or '"id":"007"' not in r.out or '"gpus":2' not in r.out:
            bad.append(f"{name}: exit {r.code}, {r.err.strip() or r.out[:120]!r}")
    for name in ("flow.json", "flow.spec"):  # sniffed: '{' means JSON, and this is no JSON
        path = os.path.join(TMP, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(flow)
        r = run(["--spec", path])
        if r.code != 65 or "JSON syntax error" not in r.err:
            bad.append(f"{name}: exit {r.code}, want 65 and a JSON syntax error: {r.err.strip()!r}")
    r = run(["--spec", "-"], stdin=flow)
    if r.code != 65 or "JSON syntax error" not in r.err:
        bad.append(f"stdin: exit {r.code}, want 65: {r.err.strip()!r}")
    d = os.path.join(TMP, "flowdir")
    os.mkdir(d)
    with open(os.path.join(d, "a.yml"), "w", encoding="utf-8") as f:
        f.write(flow)
    r = run(["--spec-dir", d, "--format", "ndjson"])
    if r.code != 0 or '"id":"007"' not in r.out:
        bad.append(f"--spec-dir: exit {r.code}, {r.err.strip() or r.out[:120]!r}")
    os.unlink(os.path.join(d, "a.yml"))
    os.rmdir(d)
    return bad


def json_language_invariance():
    """JSON and NDJSON bytes are the same whatever the language."""
    bad = []
    for args in (CONTRACT12, T4, ["--task", "general"], ["--filing", "--streaming"]):
        for fmt in ("json", "ndjson"):
            base = run(args + ["--format", fmt, "--lang", "en"])
            for extra, env in ((["--lang", "zh"], None), ([], ZH), ([], {"LC_ALL": "zh_CN.UTF-8"}), ([], None)):
                other = run(args + ["--format", fmt] + extra, env=env)
                if other.out != base.out or not base.out:
                    bad.append(f"JSON differs by language: {args} --format {fmt} {extra} {env}")
    return bad


def text_languages_differ():
    en, zh = run(CONTRACT12 + ["--lang", "en"]), run(CONTRACT12 + ["--lang", "zh"])
    return [] if en.out and zh.out and en.out != zh.out else ["text output is the same in en and zh"]


def spec_equals_flags():
    """A spec and the same facts as flags give the same JSON."""
    a = run(["--spec", D("specs/a10g-cluster.json"), "--format", "json"])
    b = run(["--gpus", "4", "--gpu-mem", "24", "--nccl", "--task", "contract-extraction", "--format", "json"])
    try:
        da, db = json.loads(a.out), json.loads(b.out)
    except ValueError:
        return ["spec or flags output is not JSON"]
    da.pop("id", None)
    return [] if da == db else ["the spec and the same flags give different results"]


def temp_bad_tables():
    """Rule tables written on the fly: exit 78 with FILE:LINE:COLUMN:."""
    bad = []
    good = open(D("rules/custom-context.yaml"), encoding="utf-8").read()
    tables = {
        "empty": ("", 1),
        "unknown-fact": (good.replace("fact: context_length, gt", "fact: context_len, gt"), None),
        "unknown-model": (good.replace("model: LONG\n    when: {fact: context_length", "model: LONGER\n    when: {fact: context_length"), None),
        "duplicate-key": (good.replace("default: SMALL\n", "default: SMALL\ndefault: LONG\n"), None),
        "not-a-mapping": ("- a\n- b\n", 1),
    }
    for name, (text, line) in tables.items():
        path = os.path.join(TMP, f"bad-{name}.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        r = run(["--rules", path, "--help"])
        pat = "^" + re.escape(path) + (f":{line}:" if line else r":\d+:") + r"\d+: \S"
        if r.code != 78:
            bad.append(f"bad table {name}: exit {r.code}, want 78")
        if not re.match(pat, r.err) or len(r.err.splitlines()) != 1:
            bad.append(f"bad table {name}: stderr {r.err.strip()[:200]!r} is not one FILE:LINE:COLUMN: line")
        if r.out:
            bad.append(f"bad table {name}: stdout not empty")
    return bad


def invalid_utf8_spec():
    """Invalid UTF-8 in a spec string: a bad spec (65), or escaped so that stdout stays UTF-8 JSON."""
    e = {k: v for k, v in os.environ.items() if k not in LOCALE_VARS}
    p = subprocess.run([BIN, "--spec", "-", "--format", "ndjson"], input=b'{"id": "bad\xff\xfe", "gpu_mem": 12}',
                       capture_output=True, env=e, timeout=30)
    if p.returncode == 65:
        return [] if not p.stdout and len(p.stderr.splitlines()) == 1 else ["65 with output or not one stderr line"]
    if p.returncode != 0:
        return [f"exit {p.returncode}"]
    try:
        json.loads(p.stdout.decode("utf-8"))
    except UnicodeDecodeError:
        return [f"exit 0 and stdout is not UTF-8: {p.stdout[:30]!r}"]
    except ValueError as ex:
        return [f"stdout is not JSON: {ex}"]
    return []


EXTRA = [
    ("invalid UTF-8 in a spec", invalid_utf8_spec),
    ("JSON is identical whatever the language", json_language_invariance),
    ("every bad spec of tests/data in Chinese", zh_bad_specs_are_chinese),
    ("*.yaml and *.yml files are YAML", yaml_names_are_yaml),
    ("text differs between en and zh", text_languages_differ),
    ("a spec equals the same flags", spec_equals_flags),
    ("bad rule tables written on the fly", temp_bad_tables),
]


def main():
    ok, failed = 0, []
    for c in CASES:
        try:
            why = check_case(c)
        except subprocess.TimeoutExpired:
            why = ["timed out"]
        if why:
            failed.append(f"{c['name']}: " + "; ".join(why))
        else:
            ok += 1
    for name, fn in EXTRA:
        try:
            why = fn()
        except Exception as e:
            why = [f"raised {type(e).__name__}: {e}"]
        if why:
            failed.append(f"{name}: " + "; ".join(why))
        else:
            ok += 1
    for f in failed:
        print("FAIL", f)
    print(f"{ok} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    try:
        rc = main()
    finally:
        for fn in os.listdir(TMP):
            os.unlink(os.path.join(TMP, fn))
        os.rmdir(TMP)
    sys.exit(rc)
