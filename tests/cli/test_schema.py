#!/usr/bin/env python3
"""The JSON Schemas in docs/schema/ against the real output of the built binary.

usage: python3 tests/cli/test_schema.py PATH/TO/dsselect PATH/TO/docs/schema PATH/TO/tests/data

Validates (Draft 2020-12, format checking off) results of single runs (--format json and ndjson), batch
records (results and error records) and spec files against the schemas; checks that specs the binary
refuses with exit 65 are invalid under spec.schema.json and the ones it accepts are valid; checks that
every fact of the embedded table (from --help) and every rule (from 'rules list') is in the schemas, with
its type and range; and that objects broken on purpose are rejected, so that the test can fail.
Needs the jsonschema module (Debian: python3-jsonschema). Prints each failure and 'N passed, M failed';
exits 1 on any failure.
"""
import atexit
import copy
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

try:
    import jsonschema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError:
    print(f"FAIL schema: the Python module jsonschema is missing for {sys.executable}: install python3-jsonschema"
          " (apt-get install python3-jsonschema), then re-run cmake so that it finds an interpreter with it")
    print("0 passed, 1 failed")
    sys.exit(1)

BIN = os.path.abspath(sys.argv[1])
SCHEMA_DIR = os.path.abspath(sys.argv[2])
DATA = os.path.abspath(sys.argv[3])
TMP = tempfile.mkdtemp(prefix="dsselect-schema-")
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
NAMES = ("spec", "result", "error-record", "batch-record")
COUNT = {"results": 0, "error records": 0, "specs": 0}
atexit.register(lambda: print("validated: " + ", ".join(f"{n} {k}" for k, n in COUNT.items())))


def load_schemas():
    out = {}
    for n in NAMES:
        with open(os.path.join(SCHEMA_DIR, n + ".schema.json"), encoding="utf-8") as f:
            out[n] = json.load(f)
    return out


SCHEMAS = load_schemas()


def validators(schemas):
    """A validator per schema, resolving the $refs between the files by their $id (no network): with the
    'referencing' registry of jsonschema >= 4.18, else with the RefResolver of older ones (4.10)."""
    try:
        from referencing import Registry
        from referencing.jsonschema import DRAFT202012
    except ImportError:
        store = {s["$id"]: s for s in schemas.values()}
        return {n: Draft202012Validator(s, resolver=jsonschema.RefResolver.from_schema(s, store=store))
                for n, s in schemas.items()}
    reg = Registry().with_resources([(s["$id"], DRAFT202012.create_resource(s)) for s in schemas.values()])
    return {n: Draft202012Validator(s, registry=reg) for n, s in schemas.items()}


V = validators(SCHEMAS)


def errors(name, instance):
    """The schema's complaints about instance, one line each (empty: valid); for a oneOf or anyOf that
    fails, the most telling problem of its branches rather than the whole instance."""
    out = []
    for e in sorted(V[name].iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        e = best_match(e.context) if e.context else e
        out.append(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message[:300]}")
    return out


def run(args, stdin=b"", env=None):
    if isinstance(stdin, str):
        stdin = stdin.encode()
    p = subprocess.run([BIN] + args, input=stdin, capture_output=True, env=env or ENV, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


# ---- the key order of docs/output.md, which is the schemas' property order ----

def order_problems(doc, schema, where):
    """Keys out of the order of the schema's properties (docs/output.md: the keys come in that order)."""
    if not isinstance(doc, dict) or "properties" not in schema:
        return []
    want = list(schema["properties"])
    keys = [k for k in doc if k in want]
    if keys != sorted(keys, key=want.index):
        return [f"{where}: keys {list(doc)} not in the documented order {want}"]
    return []


def result_order(doc, where):
    d = SCHEMAS["result"]["$defs"]
    bad = order_problems(doc, SCHEMAS["result"], where)
    for i, r in enumerate(doc.get("reasons", [])):
        bad += order_problems(r, d["reason"], f"{where} reasons[{i}]")
    for i, c in enumerate(doc.get("changes", [])):
        bad += order_problems(c, d["change"], f"{where} changes[{i}]")
        bad += order_problems(c.get("outcome"), d["change"]["properties"]["outcome"], f"{where} changes[{i}]")
    for i, t in enumerate(doc.get("trace", [])):
        bad += order_problems(t, d["rule"], f"{where} trace[{i}]")
        for j, l in enumerate(t.get("leaves", [])):
            bad += order_problems(l, d["leaf"], f"{where} trace[{i}].leaves[{j}]")
    return bad


def check_result(doc, where, batch=False):
    """A result: valid under result.schema.json (and batch-record.schema.json for a batch's), in the
    documented order, and 'model' is the recommendation or, on conflict, the fallback (beyond a schema)."""
    COUNT["results"] += 1
    bad = [f"{where}: {e}" for e in errors("result", doc)]
    if not bad:
        if batch:
            bad += [f"{where} (as a batch record): {e}" for e in errors("batch-record", doc)]
        bad += result_order(doc, where)
        if doc["model"] != (doc["recommendation"] or doc["fallback"]):
            bad.append(f"{where}: model {doc['model']} is neither the recommendation nor the fallback")
        if not errors("error-record", doc):
            bad.append(f"{where}: a result is also a valid error record")
    return bad


def check_error_record(doc, where):
    COUNT["error records"] += 1
    bad = [f"{where}: {e}" for e in errors("error-record", doc)]
    bad += [f"{where} (as a batch record): {e}" for e in errors("batch-record", doc)]
    bad += order_problems(doc, SCHEMAS["error-record"], where)
    if not errors("result", doc):
        bad.append(f"{where}: an error record is also a valid result")
    return bad


# ---- the schemas themselves ----

def t_schemas_are_valid_draft_2020_12():
    bad = []
    for n, s in SCHEMAS.items():
        try:
            Draft202012Validator.check_schema(s)
        except jsonschema.SchemaError as e:
            bad.append(f"{n}: not a valid schema: {e.message}")
        if s.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            bad.append(f"{n}: $schema is {s.get('$schema')!r}")
        if s.get("$id") != n + ".schema.json":
            bad.append(f"{n}: $id is {s.get('$id')!r}, want its file name")
        for k in ("title", "description"):
            if not s.get(k):
                bad.append(f"{n}: no {k}")
    refs = [r["$ref"] for r in SCHEMAS["batch-record"].get("oneOf", [])]
    if refs != ["result.schema.json", "error-record.schema.json"]:
        bad.append(f"batch-record: oneOf refs {refs}")
    return bad


# ---- generated: the embedded table's facts and rules are all in the schemas ----

def help_facts():
    """The facts of --help: {key: {"type", "enum"?, "open"?, "min"/"max" with their exclusiveness}}."""
    rc, out, err = run(["--help"])
    part = out.split("Workload facts, from the rule table", 1)[1].split("\n\n", 1)[0]
    facts, last = {}, None
    for line in part.splitlines()[1:]:
        m = re.match(r"  --(\[no-\])?([a-z][a-z0-9-]*)\s", line + " ")
        if m:
            last = m.group(2).replace("-", "_")
            f = facts[last] = {"type": "boolean" if m.group(1) else "string"}
            r = re.search(r"[(;] ?(a number|an integer), ([^);]*)(?:;[^)]*)?\)$", line)
            if r:
                f["type"] = "number" if r.group(1) == "a number" else "integer"
                rng = r.group(2)
                if ".." in rng:
                    lo, hi = rng.split("..")
                    f["minimum"], f["maximum"] = float(lo), float(hi)
                elif rng.startswith(">= "):
                    f["minimum"] = float(rng[3:])
                elif rng.startswith("> "):
                    f["exclusiveMinimum"] = float(rng[2:])
                elif rng.startswith("<= "):
                    f["maximum"] = float(rng[3:])
                elif rng.startswith("< "):
                    f["exclusiveMaximum"] = float(rng[2:])
                else:
                    raise AssertionError(f"--help: a range I cannot read: {line!r}")
            continue
        m = re.match(r"\s+(one of|any of, comma-separated): (.*)$", line)
        if m and last:
            vals = [v.strip() for v in m.group(2).split(",")]
            f = facts[last]
            if vals[-1] == "...":  # a string fact: the known values, others are accepted
                f["type"], f["examples"] = "string", vals[:-1]
            else:
                f["type"] = "enum" if m.group(1) == "one of" else "set"
                f["enum"] = vals
    if len(facts) < 2:
        raise AssertionError(f"--help lists no facts I can read: {part[:200]!r}")
    return facts


def t_every_fact_of_the_table_is_in_the_schemas():
    facts = help_facts()
    props = SCHEMAS["spec"]["properties"]
    defs = SCHEMAS["result"]["$defs"]
    bad = []
    if list(props) != ["id"] + list(facts):
        bad.append(f"spec properties {list(props)} are not id then the table's facts in order {list(facts)}")
    for key, f in facts.items():
        p = props.get(key)
        if p is None:
            bad.append(f"spec.schema.json has no property for the fact {key}")
            continue
        t = f["type"]
        if t in ("number", "integer"):
            if p.get("type") != t:
                bad.append(f"{key}: type {p.get('type')}, the table says {t}")
            for k in ("minimum", "maximum", "exclusiveMinimum"):
                if p.get(k) != f.get(k):
                    bad.append(f"{key}: {k} {p.get(k)}, the table says {f.get(k)}")
            want_emax = f.get("exclusiveMaximum", 2 ** 53 if t == "integer" and "maximum" not in f else None)
            if p.get("exclusiveMaximum") != want_emax:
                bad.append(f"{key}: exclusiveMaximum {p.get('exclusiveMaximum')}, want {want_emax}")
        elif t == "boolean":
            if p.get("type") != "boolean":
                bad.append(f"{key}: type {p.get('type')}, the table says boolean")
        elif t == "enum":
            if p.get("type") != "string" or p.get("enum") != f["enum"]:
                bad.append(f"{key}: {p.get('type')} {p.get('enum')}, the table says one of {f['enum']}")
        elif t == "set":
            if p.get("type") != "array" or p.get("items", {}).get("enum") != f["enum"]:
                bad.append(f"{key}: {p.get('type')} of {p.get('items')}, the table says a list of {f['enum']}")
        else:
            if p.get("type") != "string" or "enum" in p or p.get("minLength") != 1:
                bad.append(f"{key}: {p}, the table says a non-empty string")
            if p.get("examples") != f.get("examples"):
                bad.append(f"{key}: examples {p.get('examples')}, the table knows {f.get('examples')}")
    # the result schema names the facts too: changes[].fact with its typed from/to, and missing
    if defs["change"]["properties"]["fact"].get("enum") != list(facts):
        bad.append(f"result: changes[].fact enum {defs['change']['properties']['fact'].get('enum')}")
    typed = [c["if"]["properties"]["fact"]["const"] for c in defs["change"]["allOf"]]
    if typed != list(facts):
        bad.append(f"result: changes[] types from/to for {typed}, not for every fact {list(facts)}")
    for c in defs["change"]["allOf"]:
        key = c["if"]["properties"]["fact"]["const"]
        numeric = facts.get(key, {}).get("type") in ("number", "integer")
        if numeric != ("range" in c["then"].get("required", [])):
            bad.append(f"result: changes[] for {key}: range is {'required' if not numeric else 'optional'}")
    want_missing = [k for k, f in facts.items() if f["type"] != "boolean"]
    got = SCHEMAS["result"]["properties"]["missing"]["items"].get("enum")
    if got != want_missing:
        bad.append(f"result: missing[] enum {got}, want the non-boolean facts {want_missing}")
    return bad


def t_every_rule_of_the_table_is_in_the_schemas():
    rc, out, err = run(["rules", "list", "--format", "json"])
    rules = json.loads(out)
    d = SCHEMAS["result"]["$defs"]
    bad = []
    for r in rules:
        if r["source"] not in d["ref"]["enum"]:
            bad.append(f"rule {r['rule']}: ref {r['source']} not in result $defs/ref")
        shared = sum(o["source"] == r["source"] for o in rules) > 1
        if r.get("label") != (f"{r['source']} {r['rule']}" if shared else r["source"]):
            bad.append(f"rule {r['rule']}: label {r.get('label')!r} is not its ref (and id, for a shared ref)")
        if r.get("label") not in d["label"]["enum"]:
            bad.append(f"rule {r['rule']}: label {r.get('label')!r} not in result $defs/label")
        if not re.match(d["ruleId"]["pattern"], r["rule"]):
            bad.append(f"rule id {r['rule']} does not match {d['ruleId']['pattern']}")
        if r["class"] not in d["class"]["enum"]:
            bad.append(f"rule {r['rule']}: class {r['class']} not in result $defs/class")
        if r["model"] not in d["model"]["enum"]:
            bad.append(f"rule {r['rule']}: model {r['model']} not in result $defs/model")
        if r["effect"] not in d["reason"]["properties"]["effect"]["enum"]:
            bad.append(f"rule {r['rule']}: effect {r['effect']}")
    rc, out, err = run(["--task", "general", "--format", "json"])
    models = list(json.loads(out)["scores"])
    if models != d["model"]["enum"] or models != SCHEMAS["result"]["properties"]["scores"]["required"]:
        bad.append(f"the table's models {models}, the schema's {d['model']['enum']}")
    return bad


# ---- single results, --format json and ndjson ----

SINGLE = [
    ["--spec", "@/specs/empty.json"],                         # nothing known: default, everything missing
    ["--task", "general"],                                    # default
    ["--streaming"],                                          # recommended V2
    ["--gpu-mem", "12"],                                      # recommended V1 (feasibility)
    ["--gpus", "4", "--gpu-mem", "24", "--nccl"],             # recommended by a soft rule
    ["--gpus", "4", "--gpu-model", "a10g", "--nccl", "--task", "contract-extraction"],  # derived gpu_mem
    ["--gpu-mem", "12", "--task", "contract-extraction"],     # conflict: override
    ["--avg-tokens", "100", "--p99-ms", "50", "--concurrency", "300", "--input-tokens", "800"],  # contradiction
    ["--avg-tokens", "100", "--p99-ms", "50", "--concurrency", "300", "--input-tokens", "800",
     "--platform", "kubernetes", "--task", "openapi-generation"],  # contradiction and override
    ["--gpu-mem", "24", "--filing"],                          # a moot soft rule
    ["--gpu-model", "foo"],                                   # unknown GPU model: a warning
    ["--gpu-model", "jetson-orin-agx", "--platform", "edge", "--quant", "int4"],
    ["--credit-approval", "--mlps-level", "3", "--data", "code,math"],
    ["--credit-approval", "--expert-logging", "--mlps-level", "3", "--v2-hardened", "--data", "text"],
    ["--corpus-size", "1000", "--labeling-cost", "high", "--task", "intent-classification"],
    ["--platform", "kubernetes", "--no-topology-aware", "--gpu-mem", "0"],
    ["--spec", "@/specs/valid-all-types.json"],
    ["--spec", "@/specs/valid-all-types.yaml"],
    ["--spec", "@/specs/small-gpu-contract.yaml"],
    ["--spec", "@/specs/a10g-cluster.json"],                  # a numeric id
    ["--spec", "@/specs/cluster-soft.yaml", "--gpus", "1"],
]
VARIANTS = [[], ["--explain"], ["--changes", "0"], ["--changes", "2"], ["--explain", "--changes", "1"],
            ["--lang", "zh"]]


def args_of(a):
    return [x.replace("@/", DATA + "/") for x in a]


def t_single_results_json_and_ndjson():
    bad = []
    for base in SINGLE:
        for var in VARIANTS:
            args = args_of(base) + var
            rc, pretty, err = run(args + ["--format", "json"])
            rc2, line, err2 = run(args + ["--format", "ndjson"])
            where = " ".join(base + var)
            if rc not in (0, 1) or rc2 != rc:
                bad.append(f"{where}: exit {rc}/{rc2}: {err.strip()[:200]}")
                continue
            if len(line.splitlines()) != 1:
                bad.append(f"{where}: ndjson is {len(line.splitlines())} lines")
            d1, d2 = json.loads(pretty), json.loads(line)
            if d1 != d2:
                bad.append(f"{where}: json and ndjson differ")
            bad += check_result(d1, where + " (json)") + check_result(d2, where + " (ndjson)")
            if ("--explain" in var) != ("trace" in d1):
                bad.append(f"{where}: trace {'missing' if '--explain' in var else 'without --explain'}")
            if ("--changes" in var and var[var.index("--changes") + 1] == "0") == ("changes" in d1):
                bad.append(f"{where}: changes present or absent against --changes")
            if "--lang" in var:
                rc3, en, err3 = run(args_of(base) + ["--format", "json"])
                if json.loads(en) != d1:
                    bad.append(f"{where}: the JSON changes with --lang")
    return bad


def t_detected_facts():
    """--detect with a fake nvidia-smi: the result's 'detected' object."""
    d = os.path.join(TMP, "fake-smi")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "nvidia-smi"), "w") as f:
        f.write('#!/bin/sh\nfor i in 1 2 3 4; do echo "NVIDIA A10G, 23028 MiB"; done\n')
    os.chmod(os.path.join(d, "nvidia-smi"), 0o755)
    env = dict(ENV, PATH=d + ":/nonexistent-dsselect-test")
    env.pop("KUBERNETES_SERVICE_HOST", None)
    bad = []
    for extra in ([], ["--explain", "--changes", "3"], ["--gpus", "2", "--nccl"]):
        rc, out, err = run(["--detect", "--format", "json"] + extra, env=env)
        doc = json.loads(out)
        if "detected" not in doc:
            bad.append(f"--detect {extra}: no 'detected' key ({err.strip()[:100]})")
        bad += check_result(doc, f"--detect {' '.join(extra)}")
    return bad


# ---- batches: results and error records, line by line ----

def random_specs(n, seed):
    """n specs over every fact of the table, some left unknown, with ids of both kinds."""
    rnd = random.Random(seed)
    pick = {
        "gpu_mem": lambda: rnd.choice([0, 8, 12, 12.5, 13, 16, 24, 40, 80, 4096]),
        "gpus": lambda: rnd.choice([0, 1, 2, 3, 4, 8]),
        "gpu_model": lambda: rnd.choice(["t4", "a10g", "a100", "rtx3060", "rtx4070", "jetson-orin-agx", "l4"]),
        "nccl": lambda: rnd.random() < 0.5,
        "platform": lambda: rnd.choice(["bare-metal", "kubernetes", "edge"]),
        "topology_aware": lambda: rnd.random() < 0.5,
        "task": lambda: rnd.choice(["intent-classification", "contract-extraction", "openapi-generation",
                                    "general"]),
        "avg_tokens": lambda: rnd.choice([1, 64, 128, 129, 512]),
        "p99_ms": lambda: rnd.choice([0.5, 50, 80, 80.5, 200]),
        "concurrency": lambda: rnd.choice([1, 199, 200, 1000]),
        "input_tokens": lambda: rnd.choice([100, 511, 512, 800, 1024, 1025]),
        "quant": lambda: rnd.choice(["fp16", "bf16", "int8", "int4"]),
        "corpus_size": lambda: rnd.choice([0, 1000, 499999, 500000]),
        "labeling_cost": lambda: rnd.choice(["low", "high"]),
        "data": lambda: rnd.sample(["code", "math", "tables", "text"], rnd.randint(0, 3)),
        "streaming": lambda: rnd.random() < 0.2,
        "filing": lambda: rnd.random() < 0.2,
        "credit_approval": lambda: rnd.random() < 0.3,
        "expert_logging": lambda: rnd.random() < 0.5,
        "mlps_level": lambda: rnd.randint(1, 5),
        "v2_hardened": lambda: rnd.random() < 0.5,
    }
    out = []
    for i in range(n):
        s = {}
        if i % 3:
            s["id"] = f"r{i}" if i % 3 == 1 else i
        for k in rnd.sample(list(pick), rnd.randint(0, len(pick))):
            s[k] = pick[k]()
        if "gpus" in s and "gpu_mem" in s and (s["gpus"] == 0) != (s["gpu_mem"] == 0):
            del s["gpu_mem"]  # no GPU with GPU memory (or the reverse) is no workload: refused
        if s.get("gpus") == 0:
            s.pop("gpu_model", None)  # nor a GPU model without a GPU
        out.append(s)
    return out


def t_random_specs_are_valid_and_their_results_too():
    """Generated specs: each valid under spec.schema.json; their results (with the counterfactuals and the
    trace) valid under result.schema.json."""
    specs = random_specs(200, 7)
    bad = []
    for s in specs:
        COUNT["specs"] += 1
        bad += [f"generated spec {s}: {e}" for e in errors("spec", s)]
    rc, out, err = run(["--batch", "--changes", "4", "--explain"], "".join(json.dumps(s) + "\n" for s in specs))
    docs = [json.loads(l) for l in out.splitlines()]
    if rc not in (0, 1) or len(docs) != len(specs):
        return bad + [f"batch of {len(specs)}: exit {rc}, {len(docs)} lines: {err.strip()[:200]}"]
    for s, d in zip(specs, docs):
        bad += check_result(d, f"batch result of {json.dumps(s)}")
        if d.get("id", None) != s.get("id", None):
            bad.append(f"id {s.get('id')!r} echoed as {d.get('id')!r}")
    seen = {st for d in docs for st in [d["status"]]}
    if seen != {"recommended", "default", "conflict"}:
        bad.append(f"the generated specs cover the statuses {sorted(seen)} only")
    facts = {c["fact"] for d in docs for c in d.get("changes", [])}
    if len(facts) < 15:
        bad.append(f"the generated specs' changes cover only {sorted(facts)}")
    return bad


LONG = json.dumps({"id": "long", "gpu_model": "x" * (1 << 20)})
BATCH = [
    ('{"id": "a", "gpu_mem": 12}', "result"),
    ('{"id": "bad", "gpu_mme": 12}', "error"),               # unknown key, with an id
    ('{"gpus": "four"}', "error"),                           # wrong type, no id
    ("", None),                                              # blank: skipped, counted as a line
    ('{"id": 5, "task": "nope"}', "error"),                  # bad enum, numeric id
    ("not json", "error"),                                   # syntax
    ('{"id": 1e3, "gpu_mem": 99999}', "error"),              # out of range, id as written
    ("[1, 2]", "error"),                                     # not an object
    ('{"id": {"x": 1}}', "error"),                           # a bad id
    ('{"id": "d", "gpu_mem": 1, "gpu_mem": 2}', "error"),    # duplicate key
    ('{"id": "x", "data": ["code", 3]}', "error"),
    ('{"p99_ms": 0}', "error"),
    ('{"id": "nul", "gpu_mem": null}', "error"),
    ("{}", "result"),
    ('{"id": "", "gpu_mem": 0}', "result"),
    ('{"id": 1.50, "filing": true, "streaming": true}\r', "result"),  # CRLF, conflict
    ('{"id": "c", "gpu_mem": 12, "task": "contract-extraction"}', "result"),
    (LONG, "error"),                                         # longer than 1 MiB: no column
    ('{"id": "z", "avg_tokens": 100, "p99_ms": 50, "concurrency": 300, "input_tokens": 800}', "result"),
]


def t_batch_records_results_and_errors():
    data = "\n".join(l for l, _ in BATCH)  # no final newline
    bad = []
    for extra in ([], ["--changes", "3"], ["--explain"], ["--format", "ndjson", "--line-buffered"]):
        rc, out, err = run(["--batch"] + extra, data)
        docs = [json.loads(l) for l in out.splitlines()]
        want = [(i + 1, kind) for i, (_, kind) in enumerate(BATCH) if kind]
        if rc != 65:
            bad.append(f"--batch {extra}: exit {rc}, want 65")
        if len(docs) != len(want):
            bad.append(f"--batch {extra}: {len(docs)} records for {len(want)} lines: {out[:300]!r}")
            continue
        for d, (line, kind) in zip(docs, want):
            where = f"--batch {' '.join(extra)} line {line}"
            if kind == "result":
                bad += check_result(d, where, batch=True)
            else:
                bad += check_error_record(d, where)
                if d.get("line") != line:
                    bad.append(f"{where}: line {d.get('line')}")
        ids = [d.get("id", "-") for d in docs if "error" in d]
        if ids != ["bad", "-", 5, "-", 1000, "-", "-", "d", "x", "-", "nul", "-"]:
            bad.append(f"--batch {extra}: error record ids {ids}")
        if not any("column" not in d for d in docs if "error" in d):
            bad.append(f"--batch {extra}: no error record without a column (the too-long line has none)")
    return bad


def t_spec_dir_records():
    """--spec-dir over every spec file of tests/data/specs: each record a result or an error record."""
    bad = []
    with tempfile.TemporaryDirectory() as d:
        specs = os.path.join(DATA, "specs")
        names = sorted(n for n in os.listdir(specs) if n.endswith((".json", ".yaml", ".yml")))
        for n in names:
            shutil.copy(os.path.join(specs, n), d)
        rc, out, err = run(["--spec-dir", d, "--format", "ndjson", "--changes", "2"])
        docs = [json.loads(l) for l in out.splitlines()]
        if len(docs) != len(names) or len(names) < 5:
            return [f"--spec-dir: {len(docs)} records for {len(names)} files"]
        for n, doc in zip(names, docs):
            where = f"--spec-dir {n}"
            if "error" in doc:
                bad += check_error_record(doc, where)
                if "id" not in doc:
                    bad.append(f"{where}: error record without the file as id: {doc}")
            else:
                bad += check_result(doc, where, batch=False)
            e = errors("batch-record", doc)
            if e:
                bad.append(f"{where}: not a batch record: {e}")
    return bad


# ---- spec files and specs the binary refuses ----

def mini_yaml(text):
    """The flat YAML of tests/data/specs: 'key: scalar', 'key: [a, b]' and 'key:' with '- item' lines;
    scalars read by the YAML 1.2 core schema. Raises ValueError on anything else or a duplicate key."""
    def scalar(s):
        s = s.strip()
        if s[:1] in "\"'":
            return s[1:-1]
        if s in ("true", "false"):
            return s == "true"
        if s in ("null", "~", ""):
            return None
        if re.fullmatch(r"[-+]?\.(inf|Inf|INF)", s):
            return float(s.replace(".", "").lower())
        if re.fullmatch(r"[-+]?[0-9]+", s):
            return int(s)
        if re.fullmatch(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?", s):
            return float(s)
        return s
    out, key = {}, None
    for raw in text.splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        m = re.fullmatch(r"\s+- (.*)", line)
        if m and key is not None and isinstance(out[key], list):
            out[key].append(scalar(m.group(1)))
            continue
        m = re.fullmatch(r"([a-z_][a-z0-9_]*):(?: (.*))?", line)
        if not m:
            raise ValueError(f"not the flat YAML this test reads: {raw!r}")
        key = m.group(1)
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        v = (m.group(2) or "").strip()
        if v.startswith("["):
            out[key] = [scalar(x) for x in v.strip("[]").split(",") if x.strip()]
        else:
            out[key] = scalar(v) if v else []
    return out


def load_spec(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    return json.loads(text) if text.lstrip().startswith("{") else mini_yaml(text)


# refused files whose problem a JSON Schema cannot see: they do not even load as data
NOT_DATA = {"bad-syntax.json": "a JSON syntax error", "bad-duplicate.yaml": "a duplicate key"}


def t_spec_files():
    """Every spec file in tests/data/specs: accepted by the binary (exit 0 or 1) = valid under the schema;
    refused with exit 65 = invalid (or not data at all, for the few listed)."""
    d = os.path.join(DATA, "specs")
    bad = []
    for name in sorted(os.listdir(d)):
        path = os.path.join(d, name)
        rc, out, err = run(["--spec", path, "--format", "json"])
        COUNT["specs"] += 1
        try:
            spec = load_spec(path)
        except ValueError as e:
            if rc != 65 or name not in NOT_DATA:
                bad.append(f"{name}: exit {rc}, and it does not load: {e}")
            continue
        if name in NOT_DATA:
            bad.append(f"{name}: loads as data, but is listed as {NOT_DATA[name]}")
        errs = errors("spec", spec)
        if rc in (0, 1):
            if errs:
                bad.append(f"{name}: the binary accepts it (exit {rc}), the schema does not: {errs}")
            bad += check_result(json.loads(out), f"--spec {name}")
        elif rc == 65:
            if not errs:
                bad.append(f"{name}: the binary refuses it ({err.strip()}), the schema accepts it")
        else:
            bad.append(f"{name}: exit {rc}: {err.strip()[:200]}")
    for want in ("bad-unknown-key.yaml", "bad-type.json", "bad-range.yaml", "bad-enum.json"):
        if not os.path.exists(os.path.join(d, want)):
            bad.append(f"tests/data/specs/{want} is gone: the refused kinds are no longer all covered")
    return bad


# A value in another case than the table's: the binary takes it (as the table spells it), the schema,
# which gives the spelling to write (the one results echo), does not.
CASE = "case"

# Specs at the edges: (spec, accepted). The binary's verdict (through --batch, the same reader as a JSON
# --spec) and the schema's must agree on each.
EDGES = [
    ({"gpu_mem": 0}, True), ({"gpu_mem": 4096}, True), ({"gpu_mem": 4096.5}, False), ({"gpu_mem": -1}, False),
    ({"gpu_mem": "12"}, False), ({"gpu_mem": None}, False), ({"gpu_mem": [12]}, False),
    ({"gpus": 0}, True), ({"gpus": 4096}, True), ({"gpus": 4097}, False), ({"gpus": 2.5}, False),
    ({"gpus": 2.0}, True), ({"gpus": True}, False),
    # no GPU means no GPU memory (the table's constraint): refused by the binary and the schema alike
    ({"gpus": 0, "gpu_mem": 0}, True), ({"gpus": 0, "gpu_mem": 0.0}, True), ({"gpus": 0, "gpu_mem": 80}, False),
    ({"gpu_mem": 0, "gpus": 2}, False), ({"gpus": 0, "gpu_model": "t4"}, False), ({"gpus": 1, "gpu_mem": 0.5}, True),
    ({"gpu_model": "l4"}, True), ({"gpu_model": ""}, False), ({"gpu_model": 4}, False),
    ({"gpu_model": "x" * 4096}, True), ({"gpu_model": "x" * 4097}, False),
    ({"nccl": False}, True), ({"nccl": "true"}, False), ({"nccl": 1}, False),
    ({"platform": "edge"}, True), ({"platform": "k8s"}, False), ({"platform": "Edge"}, CASE),
    ({"quant": "INT4"}, CASE), ({"data": ["Code", "math"]}, CASE),
    ({"task": "general"}, True), ({"task": "contract_extraction"}, False),
    ({"avg_tokens": 1}, True), ({"avg_tokens": 0}, False), ({"avg_tokens": 2 ** 53 - 1}, True),
    ({"avg_tokens": 2 ** 53}, False),
    ({"p99_ms": 0.001}, True), ({"p99_ms": 0}, False), ({"p99_ms": -5}, False), ({"p99_ms": 1e300}, True),
    ({"concurrency": 1}, True), ({"concurrency": 0}, False), ({"input_tokens": 1.5}, False),
    ({"quant": "int4"}, True), ({"quant": "int2"}, False),
    ({"corpus_size": 0}, True), ({"corpus_size": -1}, False),
    ({"labeling_cost": "high"}, True), ({"labeling_cost": "medium"}, False),
    ({"data": []}, True), ({"data": ["code", "tables"]}, True), ({"data": "code"}, False),
    ({"data": ["code", "video"]}, False), ({"data": ["code", 3]}, False), ({"data": ["code"] * 64}, True),
    ({"data": ["code"] * 65}, False),
    ({"streaming": True}, True), ({"filing": "yes"}, False), ({"credit_approval": None}, False),
    ({"expert_logging": {}}, False), ({"v2_hardened": True}, True),
    ({"mlps_level": 1}, True), ({"mlps_level": 5}, True), ({"mlps_level": 6}, False), ({"mlps_level": 0}, False),
    ({"mlps_level": 3.5}, False),
    ({"id": ""}, True), ({"id": 7}, True), ({"id": 1.5}, True), ({"id": "x" * 4096}, True),
    ({"id": "x" * 4097}, False), ({"id": None}, False), ({"id": True}, False), ({"id": [1]}, False),
    ({"id": {"a": 1}}, False),
    ({"gpu_mme": 12}, False), ({"ID": "x"}, False), ({"GPU_MEM": 12}, False), ({"facts": {}}, False),
    ({}, True),
]


def t_edge_specs_binary_and_schema_agree():
    lines = "".join(json.dumps(s) + "\n" for s, _ in EDGES)
    rc, out, err = run(["--batch"], lines)
    docs = [json.loads(l) for l in out.splitlines()]
    if len(docs) != len(EDGES):
        return [f"{len(docs)} records for {len(EDGES)} specs: {err.strip()[:200]}"]
    bad = []
    for (spec, accepted), d in zip(EDGES, docs):
        COUNT["specs"] += 1
        short = json.dumps(spec)[:80]
        by_binary = "error" not in d
        by_schema = not errors("spec", spec)
        if accepted == CASE:
            if not by_binary or by_schema:
                bad.append(f"{short}: another case: the binary {'accepts' if by_binary else 'refuses'} it, the "
                           f"schema {'accepts' if by_schema else 'refuses'} it; want accepted and refused")
            continue
        if by_binary != accepted:
            bad.append(f"{short}: the binary {'accepts' if by_binary else 'refuses'} it ({d.get('error')}),"
                       f" this test expected otherwise")
        if by_schema != by_binary:
            bad.append(f"{short}: the binary {'accepts' if by_binary else 'refuses'} it, the schema "
                       f"{'accepts' if by_schema else 'refuses'} it")
        bad += check_result(d, f"spec {short}", batch=True) if by_binary else check_error_record(d, f"spec {short}")
    return bad


# ---- objects broken on purpose: the schemas must reject them ----

def real(args):
    rc, out, err = run(args + ["--format", "json"])
    return json.loads(out)


def t_broken_objects_are_rejected():
    conflict = real(["--gpu-mem", "12", "--task", "contract-extraction", "--explain"])
    plain = real(["--streaming", "--gpu-mem", "24"])
    bad = []

    def must_fail(name, schema, doc):
        if not errors(schema, doc):
            bad.append(f"{name}: valid under {schema}.schema.json, it must not be")

    def edit(doc, fn):
        d = copy.deepcopy(doc)
        fn(d)
        return d

    for schema in ("result", "batch-record"):
        must_fail("no status", schema, edit(plain, lambda d: d.pop("status")))
        must_fail("status maybe", schema, edit(plain, lambda d: d.update(status="maybe")))
        must_fail("an unknown key", schema, edit(plain, lambda d: d.update(extra=1)))
        must_fail("no reasons", schema, edit(plain, lambda d: d.pop("reasons")))
        must_fail("recommended with no recommendation", schema,
                  edit(plain, lambda d: d.update(recommendation=None)))
        must_fail("conflict with a recommendation", schema,
                  edit(conflict, lambda d: d.update(recommendation="V1")))
        must_fail("conflict without conflicts", schema, edit(conflict, lambda d: d.update(conflicts=[])))
        must_fail("model V3", schema, edit(plain, lambda d: d.update(model="V3")))
        must_fail("class bogus", schema, edit(conflict, lambda d: d["reasons"][0].update({"class": "bogus"})))
        must_fail("effect maybe", schema, edit(conflict, lambda d: d["reasons"][0].update(effect="maybe")))
        must_fail("state unknown", schema, edit(conflict, lambda d: d["reasons"][1].update(state="ok")))
        must_fail("overridden without overridden_by", schema,
                  edit(conflict, lambda d: d["reasons"][1].update(overridden_by=None)))
        must_fail("a hard rule with a weight", schema, edit(conflict, lambda d: d["reasons"][0].update(weight=2)))
        must_fail("scores without V2", schema, edit(plain, lambda d: d["scores"].pop("V2")))
        must_fail("facts with an unknown fact", schema, edit(plain, lambda d: d["facts"].update(gpu_mme=1)))
        must_fail("facts with gpu_mem out of range", schema,
                  edit(plain, lambda d: d["facts"].update(gpu_mem=5000)))
        must_fail("a boolean missing", schema, edit(plain, lambda d: d.update(missing=["nccl"])))
        must_fail("a change of gpu_mem to a string", schema,
                  edit(conflict, lambda d: d["changes"][0].update(to="13")))
        must_fail("a change of gpu_mem without range", schema,
                  edit(conflict, lambda d: d["changes"][0].pop("range")))
        must_fail("a trace leaf unknown with a value", schema,
                  edit(conflict, lambda d: d["trace"][0]["leaves"][0].update(result="unknown")))
        must_fail("a trace leaf with a bad op", schema,
                  edit(conflict, lambda d: d["trace"][0]["leaves"][0].update(op="~=")))
        must_fail("changes without stable", schema, edit(conflict, lambda d: d.pop("stable")))
    err = {"line": 2, "column": 13, "error": "unknown key 'gpu_mme'", "id": "x"}
    if errors("error-record", err):
        bad.append(f"the model error record is invalid: {errors('error-record', err)}")
    for schema in ("error-record", "batch-record"):
        must_fail("error record with a column but no line", schema, edit(err, lambda d: d.pop("line")))
        must_fail("error record without error", schema, edit(err, lambda d: d.pop("error")))
        must_fail("error record line 0", schema, edit(err, lambda d: d.update(line=0)))
        must_fail("error record with an unknown key", schema, edit(err, lambda d: d.update(message="x")))
        must_fail("error record with a null id", schema, edit(err, lambda d: d.update(id=None)))
        must_fail("error record with an empty error", schema, edit(err, lambda d: d.update(error="")))
    must_fail("a result and an error at once", "batch-record", edit(plain, lambda d: d.update(error="x")))
    must_fail("spec with a typo", "spec", {"gpu_mme": 12})
    return bad


if __name__ == "__main__":
    run_tests(globals(), "t_")
