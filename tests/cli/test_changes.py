#!/usr/bin/env python3
"""Tests of the counterfactuals ("changes"), "stable" and --changes N, through the binary.

usage: python3 tests/cli/test_changes.py PATH/TO/dsselect
Every change printed is proved by running dsselect again with that one fact
changed and getting the claimed outcome. Prints each failure and ends with one
line 'N passed, M failed'; exits 1 on any failure.
"""
import json
import os
import re
import subprocess
import sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
CJK = re.compile("[\u4e00-\u9fff]")

# Specs that cover every status, known and unknown facts of each type.
SPECS = [
    {"gpu_mem": 12, "task": "contract-extraction"},
    {"gpus": 4, "gpu_model": "a10g", "nccl": True, "task": "contract-extraction"},
    {"gpu_model": "t4", "task": "intent-classification", "p99_ms": 50},
    {"filing": True, "streaming": True},
    {"task": "general"},
    {},
    {"gpu_mem": 24, "concurrency": 300, "input_tokens": 800},
    {"gpu_mem": 80, "data": ["code"], "mlps_level": 2, "platform": "kubernetes"},
    {"corpus_size": 5000, "labeling_cost": "high", "avg_tokens": 300},
    {"gpu_mem": 2, "gpus": 50, "nccl": True},            # integer and number sides of a product
    {"gpu_mem": 0.01953125, "gpus": 4096, "nccl": True},
    {"concurrency": 300, "input_tokens": 768},            # a tie: 511 and 1025 are as near
    {"p99_ms": 50, "avg_tokens": 100},                   # a run to the end of the trials: a round 'to'
]
DATA_RULES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "rules")


def run(args, stdin=None):
    p = subprocess.run([BIN] + args, input=(stdin or "").encode(), capture_output=True, env=ENV, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


_CACHE = {}


def evaluate(spec, extra=()):
    """One run of the binary for spec (each distinct spec and flags once)."""
    key = (json.dumps(spec, sort_keys=True), tuple(extra))
    if key not in _CACHE:
        rc, out, err = run(["--spec", "-", "--format", "json"] + list(extra), json.dumps(spec))
        if rc not in (0, 1):
            raise AssertionError(f"spec {spec}: exit {rc}: {err.strip()}")
        _CACHE[key] = json.loads(out)
    return _CACHE[key]


def evaluate_all(specs):
    """The results of many specs from one --batch run (one line each, in order): the re-runs that prove
    the changes, without a process each (which under valgrind would cost a second each)."""
    if not specs:
        return []
    rc, out, err = run(["--batch", "-"], "".join(json.dumps(s) + "\n" for s in specs))
    docs = [json.loads(line) for line in out.splitlines()]
    if len(docs) != len(specs) or rc not in (0, 1):
        raise AssertionError(f"batch of {len(specs)} re-runs: exit {rc}, {len(docs)} lines: {err.strip()[:200]}")
    for s, d in zip(specs, docs):
        if "error" in d:
            raise AssertionError(f"re-run {s}: {d['error']}")
    return docs


def outcome(doc):
    return {"recommendation": doc["recommendation"], "status": doc["status"], "fallback": doc["fallback"]}


def size(c):
    """How big a change is: relative distance for numbers, 1 for anything else."""
    if isinstance(c["to"], (int, float)) and not isinstance(c["to"], bool) and c["from"] is not None:
        return abs(c["to"] - c["from"]) / max(abs(c["from"]), 1)
    return 1


def t_every_change_reruns_to_its_claimed_outcome():
    bad, pending = [], []
    for spec in SPECS:
        doc = evaluate(spec)
        if "changes" not in doc or "stable" not in doc:
            bad.append(f"{spec}: no 'changes' or 'stable' key in a single result")
            continue
        facts = set()
        for c in doc["changes"]:
            if c["fact"] in facts:
                bad.append(f"{spec}: two changes of {c['fact']}")
            facts.add(c["fact"])
            for k in ("fact", "from", "to", "outcome", "rules", "fires", "stops"):
                if k not in c:
                    bad.append(f"{spec}: change {c} lacks {k!r}")
            if c["outcome"] == outcome(doc):
                bad.append(f"{spec}: change of {c['fact']} claims the current outcome")
            if sorted(set(c["fires"]) | set(c["stops"])) != sorted(set(c["rules"])):
                bad.append(f"{spec}: change of {c['fact']}: rules {c['rules']} is not fires + stops")
            if c["from"] is None and (c["fact"] in spec or c["fact"] in doc.get("facts", {})):
                bad.append(f"{spec}: change of known fact {c['fact']} has from null")
            changed = dict(spec)
            changed[c["fact"]] = c["to"]
            pending.append((spec, c, changed))
    for (spec, c, changed), got in zip(pending, evaluate_all([p[2] for p in pending])):
        if outcome(got) != c["outcome"]:
            bad.append(f"{spec} with {c['fact']}={c['to']!r}: outcome {outcome(got)}, change claims {c['outcome']}")
        # rules are listed by label: the ref, followed by the rule's id when two rules cite it (1.2)
        fired = {r["source"] for r in got["reasons"]} | {f"{r['source']} {r['rule']}" for r in got["reasons"]}
        for ref in c["fires"]:
            if ref not in fired:
                bad.append(f"{spec} with {c['fact']}={c['to']!r}: {ref} claimed to fire, did not")
        for ref in c["stops"]:
            if ref in fired:
                bad.append(f"{spec} with {c['fact']}={c['to']!r}: {ref} claimed to stop, still fires")
        for lab in c["fires"] + c["stops"]:
            if lab.startswith("1.2") and lab not in ("1.2 multi-gpu-nccl", "1.2 no-cluster-for-moe"):
                bad.append(f"{spec}: change of {c['fact']} lists {lab!r}: two rules cite 1.2, the label must say which")
    return bad


def t_ranges_hold_at_their_edges():
    """A numeric change's range: at its edges the claimed outcome holds; just outside, it may not."""
    bad, pending = [], []
    for spec in SPECS:
        doc = evaluate(spec)
        for c in doc["changes"]:
            rg = c.get("range")
            if not isinstance(c["to"], (int, float)) or isinstance(c["to"], bool):
                if rg is not None:
                    bad.append(f"{spec}: non-numeric change of {c['fact']} has a range")
                continue
            if not rg:
                bad.append(f"{spec}: numeric change of {c['fact']} without a range")
                continue
            pts = []
            for k, v in rg.items():
                if k in ("at_least", "at_most"):
                    pts.append(v)
                elif k == "above":
                    pts.append(v + 1e-6 if v else 1e-6)
                elif k == "below":
                    pts.append(v - 1e-6)
                else:
                    bad.append(f"{spec}: range key {k!r}")
            lo = rg.get("at_least", rg.get("above"))
            hi = rg.get("at_most", rg.get("below"))
            if lo is not None and c["to"] < lo or hi is not None and c["to"] > hi:
                bad.append(f"{spec}: {c['fact']} to {c['to']} lies outside its range {rg}")
            for x in pts:
                if isinstance(c["to"], int) and x != int(x):
                    continue
                changed = dict(spec)
                changed[c["fact"]] = x
                pending.append((spec, c, rg, x, changed))
    for (spec, c, rg, x, changed), got in zip(pending, evaluate_all([p[4] for p in pending])):
        if outcome(got) != c["outcome"]:
            bad.append(f"{spec} with {c['fact']}={x} (edge of {rg}): {outcome(got)}, not {c['outcome']}")
    return bad


def probes_between(a, b, integer):
    """Values strictly between a and b (a < b) worth trying: every integer when few, else a sample."""
    if integer:
        lo, hi = int(a) + 1, int(b) - 1 if b == int(b) else int(b)
        if hi - lo <= 400:
            return list(range(lo, hi + 1))
        step = (hi - lo) / 200
        return sorted({lo, hi} | {int(lo + i * step) for i in range(201)})
    pts = {a + (b - a) * i / 200 for i in range(1, 200)}
    for x in (a, b):  # and just inside the ends
        pts |= {x + (b - a) * 1e-9, x - (b - a) * 1e-9, round(x, 6), round(x)}
    return sorted(p for p in pts if a < p < b)


def t_nothing_nearer_changes_it():
    """Between the current value and a change's range, the outcome stays what it is."""
    bad, pending = [], []
    ints = {"gpus", "p99_ms", "avg_tokens", "concurrency", "input_tokens", "corpus_size", "mlps_level"}
    for spec in SPECS:
        doc = evaluate(spec)
        for c in doc["changes"]:
            rg = c.get("range")
            if rg is None or c["from"] is None:
                continue
            x = c["from"]
            if c["to"] > x:
                edge = rg.get("at_least", rg.get("above"))
                lo, hi = x, edge
            else:
                edge = rg.get("at_most", rg.get("below"))
                lo, hi = edge, x
            if edge is None:
                bad.append(f"{spec}: change of {c['fact']} has no near edge: {rg}")
                continue
            pts = probes_between(lo, hi, c["fact"] in ints)
            if ("above" in rg and c["to"] > x) or ("below" in rg and c["to"] < x):
                pts.append(edge)  # the exclusive edge itself is outside the range
            for p in pts[:250]:
                changed = dict(spec)
                changed[c["fact"]] = p
                pending.append((spec, doc, c, rg, p, changed))
    reported = set()
    for (spec, doc, c, rg, p, changed), got in zip(pending, evaluate_all([q[5] for q in pending])):
        if outcome(got) != outcome(doc) and (str(spec), c["fact"]) not in reported:
            reported.add((str(spec), c["fact"]))
            bad.append(f"{spec}: {c['fact']}={p} already changes it ({outcome(got)}), "
                       f"nearer than the change's range {rg}")
    return bad


def t_ties_and_round_values():
    bad = []
    d = evaluate({"concurrency": 300, "input_tokens": 768})
    ch = {c["fact"]: c for c in d["changes"]}
    if ch.get("input_tokens", {}).get("to") != 511:
        bad.append(f"input_tokens 768: 511 and 1025 are as near, want the smaller: {ch.get('input_tokens')}")
    d = evaluate({"p99_ms": 50, "avg_tokens": 100})
    for c in d["changes"]:
        if isinstance(c["to"], float) and c["to"] != round(c["to"], 6):
            bad.append(f"p99 50: {c['fact']} to {c['to']!r} is not a round value")
    d = evaluate({"gpu_mem": 2, "gpus": 50, "nccl": True})
    ch = {c["fact"]: c for c in d["changes"]}
    if ch.get("gpus", {}).get("to") != 39 or ch["gpus"].get("range") != {"at_least": 2, "at_most": 39}:
        bad.append(f"gpus 50 x 2 GB: want to 39 in [2, 39] (39 x 2 < 80), got {ch.get('gpus')}")
    # gpu_mem 0 beside 50 GPUs is no workload (the table's constraint), so the range starts above 0
    if ch.get("gpu_mem", {}).get("range") != {"above": 0, "at_most": 1.5999999999999996}:
        bad.append(f"2 GB x 50: want gpu_mem at most 1.5999999999999996 (1.5999999999999998 x 50 rounds to 80), "
                   f"got {ch.get('gpu_mem')}")
    return bad


def rules_eval(table, spec):
    rc, out, err = run(["--rules", os.path.join(DATA_RULES, table), "--spec", "-", "--format", "json"],
                       json.dumps(spec))
    if rc not in (0, 1):
        raise AssertionError(f"{table} {spec}: exit {rc}: {err.strip()}")
    return json.loads(out)


def t_custom_tables():
    """Tables made to break the search: never a wrong 'stable', never a missed nearer change."""
    bad = []
    d = rules_eval("whatif-product-unknown.yaml", {})  # p x q >= 100, both unknown
    if d["stable"] is not False or sorted(d["missing"]) != ["p", "q"]:
        bad.append(f"p x q unknown: stable {d['stable']}, missing {d['missing']}; want false, [p, q]")
    if outcome(rules_eval("whatif-product-unknown.yaml", {"p": 10, "q": 10})) == outcome(d):
        bad.append("p = q = 10 should change the product table's outcome")
    d = rules_eval("whatif-many-constants.yaml", {})  # 30 constants on z, and z > 200
    if d["stable"] is not False:
        bad.append("30 constants on z: stable is true, but z = 250 changes it")
    d = rules_eval("whatif-many-constants.yaml", {"z": 250})
    ch = {c["fact"]: c for c in d["changes"]}
    if ch.get("z", {}).get("range") != {"at_most": 200}:
        bad.append(f"z 250: want the change 'z 200 or less', got {ch.get('z')}")
    d = rules_eval("whatif-big-set.yaml", {})  # a set of 9 values, a rule needing two members
    if d["stable"] is not False:
        bad.append("a set of 9 values: stable is true, but [v1, v2] changes it")
    # seven unknown integers and two booleans in one rule: absent booleans are false, not unknown
    d = rules_eval("whatif-booleans-in-group.yaml", {})
    if d["stable"] is not True or d["missing"] != []:
        bad.append(f"nine facts, b1 and b2 absent: stable {d['stable']}, missing {d['missing']}; want true, [] "
                   "(the rule needs b1 and b2, which are false)")
    d = rules_eval("whatif-booleans-in-group.yaml", {"b1": True, "b2": True})
    if d["stable"] is not False or d["missing"] != ["n1", "n2", "n3", "n4", "n5", "n6", "n7"]:
        bad.append(f"nine facts, b1 and b2 true: stable {d['stable']}, missing {d['missing']}; want false, n1..n7")
    # only gpus 0 with mem >= 10 fires the rule, and the constraint says no workload is that
    for spec in ({}, {"gpus": 0}, {"mem": 20}):
        d = rules_eval("whatif-impossible-only.yaml", spec)
        if d["stable"] is not True or d["missing"] != [] or d["changes"] != []:
            bad.append(f"a rule only a refused spec fires, {spec}: stable {d['stable']}, missing {d['missing']}, "
                       f"changes {[(c['fact'], c['to']) for c in d['changes']]}; want true, [] and no change")
    d = rules_eval("whatif-derived-product.yaml", {"a": 3})  # b derived from a; a x b >= 60
    ch = {c["fact"]: c for c in d["changes"]}
    if ch.get("a", {}).get("to") != 6:
        bad.append(f"a 3 (b derived: 10 above 5): a 6 gives 60, want to 6, got {ch.get('a')}")
    return bad


def t_too_many_constants_is_refused():
    consts = ", ".join("{fact: z, eq: %d}" % i for i in range(1, 101))
    table = DATA_RULES + "/whatif-many-constants.yaml"
    text = open(table).read().replace("{fact: z, eq: 1}, ", consts + ", ", 1)
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"dsselect-limit-{os.getpid()}.yaml")
    with open(path, "w") as f:
        f.write(text)
    try:
        rc, out, err = run(["--rules", path, "--z", "3"])
    finally:
        os.unlink(path)
    if rc != 78 or out or len(err.splitlines()) != 1 or "'z'" not in err or "256" not in err:
        return [f"a fact with 100 eq constants (300 values to try): exit {rc}, stderr {err!r}; "
                "want 78 and one line naming z and the limit"]
    return []


def t_order_known_first_then_smallest():
    bad = []
    for spec in SPECS:
        cs = evaluate(spec)["changes"]
        known = [c["from"] is not None for c in cs]
        if known != sorted(known, reverse=True):
            bad.append(f"{spec}: an unknown fact's change comes before a known fact's: {[c['fact'] for c in cs]}")
        for a, b in zip(cs, cs[1:]):
            if (a["from"] is None) == (b["from"] is None) and size(a) > size(b) + 1e-12:
                bad.append(f"{spec}: {a['fact']} (size {size(a)}) before {b['fact']} (size {size(b)})")
    return bad


def t_stable_and_missing():
    bad = []
    doc = evaluate({"gpu_mem": 12, "task": "contract-extraction"})
    if doc["stable"] is not True or doc["missing"]:
        bad.append(f"12 GB + contract extraction: stable {doc['stable']}, missing {doc['missing']}: want true and []")
    doc = evaluate({"task": "general"})
    if doc["stable"] is not False or not doc["missing"]:
        bad.append(f"general task only: stable {doc['stable']}, missing {doc['missing']}: want false and a list")
    # every fact in missing can change the answer by itself or with the others: at least one can alone
    alone = {c["fact"] for c in doc["changes"] if c["from"] is None}
    if not alone & set(doc["missing"]):
        bad.append(f"general task: no missing fact {doc['missing']} has a change of its own {sorted(alone)}")
    for spec in SPECS:
        d = evaluate(spec)
        if d["stable"] and d["missing"]:
            bad.append(f"{spec}: stable but missing {d['missing']}")
        if d["stable"] is False and not d["missing"]:
            bad.append(f"{spec}: unstable with nothing missing")
        for c in d["changes"]:
            if c["from"] is None and d["stable"]:
                bad.append(f"{spec}: stable, yet adding {c['fact']} changes it")
    return bad


def t_changes_n_caps_the_list():
    bad = []
    spec = {"task": "general"}
    full = evaluate(spec)["changes"]
    if len(full) < 3:
        return [f"want at least 3 changes for {spec}, got {len(full)}"]
    d = evaluate(spec, ["--changes", "0"])
    if "changes" in d or d.get("stable") is not False:
        bad.append(f"--changes 0: want 'stable' and no 'changes' key, got {sorted(d)}")
    for n in (1, 2, len(full), len(full) + 5):
        d = evaluate(spec, ["--changes", str(n)])
        if d.get("changes") != full[:n]:
            bad.append(f"--changes {n}: {len(d['changes'])} changes, not the first {n} of the full list")
        if "stable" not in d:
            bad.append(f"--changes {n}: no 'stable'")
    rc, out, err = run(["--task", "general", "--changes", "0"])
    if "What would change it" in out:
        bad.append("--changes 0 still prints the section")
    rc, out, err = run(["--task", "general", "--changes=1"])
    sect = out.split("What would change it", 1)[-1].strip().splitlines()[1:]
    if rc != 0 or len([ln for ln in sect if ln.startswith("  ")]) != 1:
        bad.append(f"--changes=1: want one change line, got {sect}")
    return bad


def t_bad_changes_values_are_usage_errors():
    bad = []
    for v in ("-1", "abc", "1.5", "", "1000001", "99999999999999999999", " 3"):
        rc, out, err = run(["--task", "general", "--changes", v])
        if rc != 64 or out or len(err.splitlines()) != 1 or "--changes" not in err:
            bad.append(f"--changes {v!r}: exit {rc}, stdout {out[:40]!r}, stderr {err!r}")
    for v in ("0", "1000000"):  # the documented range's ends (docs/decisions.md)
        rc, out, err = run(["--task", "general", "--changes", v, "--format", "json"])
        if rc != 0 or err or "stable" not in json.loads(out or "{}"):
            bad.append(f"--changes {v}: exit {rc}, stderr {err!r}; want 0 and a result with 'stable'")
    rc, out, err = run(["--task", "general", "--changes"])
    if rc != 64 or len(err.splitlines()) != 1 or "--changes" not in err:
        bad.append(f"--changes without a value: exit {rc}, stderr {err!r}")
    rc, out, err = run(["--task", "general", "--change", "2"])
    if rc != 64 or "--changes" not in err:
        bad.append(f"--change (a typo): exit {rc}, stderr {err!r} does not suggest --changes")
    return bad


def t_text_lines():
    bad = []
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction"])
    want = ["Stable: nothing still unknown can change the answer.",
            "What would change it (one fact at a time, smallest change first):",
            "  with --gpu-mem more than 12: V2 (",
            "1.1 no longer applies; "]
    for w in want:
        if w not in out:
            bad.append(f"12 GB contract extraction: text lacks {w!r}")
    if rc != 1:
        bad.append(f"exit {rc}, want 1")
    rc, out, err = run(["--task", "general"])
    for w in ("  if you add --gpu-mem 12 or less: V1, recommended rather than by default (1.1)", "  with --streaming: V2 (4.3)",
              "V1, recommended rather than by default"):
        if w not in out:
            bad.append(f"general task: text lacks {w!r}")
    if "Stable:" in out:
        bad.append("general task: claims to be stable")
    rc, out, err = run(["--gpu-mem", "12", "--task", "contract-extraction", "--lang", "zh"])
    sect = out.split("什么会改变结论", 1)
    if len(sect) != 2 or not CJK.search(sect[1]) or "--gpu-mem" not in sect[1]:
        bad.append(f"zh: no Chinese 'what would change it' section with --gpu-mem: {out[-300:]!r}")
    if "What would change it" in out:
        bad.append("zh: the English heading is printed")
    return bad


ROUND_SPECS = [
    {"gpus": 7, "gpu_mem": 12, "nccl": True},   # 80/7 = 11.428571428571429 from above
    {"gpus": 7, "gpu_mem": 10, "nccl": True},   # and from below
    {"gpus": 3, "gpu_mem": 30, "nccl": True},   # 80/3
    {"gpu_mem": 2, "gpus": 50, "nccl": True},   # 80/50 = 1.6, which 1.5999999999999998 x 50 rounds to
]
BOUND = re.compile(r"(?:(more|less) than (-?[\d.]+)|(-?[\d.]+) or (more|less)|(-?[\d.]+) to (-?[\d.]+)|^(-?[\d.]+)$)")


def t_text_numbers_are_short_and_on_their_side():
    """Issue 16: a change's text names short decimals (11.4, 1.6), never 11.428571428571427 or 1.5999999999999996,
    each on the side it claims: "X or less" holds at X, "less than X" does not; JSON keeps the exact range."""
    bad = []
    for spec in SPECS + ROUND_SPECS:
        rc, out, err = run(["--spec", "-", "--lang", "en"], json.dumps(spec))
        doc = evaluate(spec)
        claimed = {c["fact"]: c for c in doc.get("changes", [])}
        for line in out.split("What would change it", 1)[-1].splitlines()[1:]:
            m = re.match(r"  (?:with|if you add) --([a-z-]+) (.*?)(?: \(\d+/[\d.]+, for --[a-z-]+ [\d.]+\))?"
                         r"(?: and (.*?))?(?: \(\d+/[\d.]+, for --[a-z-]+ [\d.]+\))?: ", line)
            if not m or m.group(1).replace("-", "_") not in claimed:
                continue
            key = m.group(1).replace("-", "_")
            c = claimed[key]
            if not isinstance(c["to"], (int, float)) or isinstance(c["to"], bool):
                continue
            for part in filter(None, (m.group(2), m.group(3))):
                if any(len(n.replace(".", "").lstrip("0")) > 12 for n in re.findall(r"[\d.]+", part)):
                    bad.append(f"{spec}: {line.strip()!r}: not a short decimal")
                b = BOUND.search(part)
                if not b:
                    bad.append(f"{spec}: {line.strip()!r}: no bound in {part!r}")
                    continue
                inside = [x for x in (b.group(3), b.group(5), b.group(6), b.group(7)) if x]
                outside = [b.group(2)] if b.group(2) else []
                for x, want_same in [(v, True) for v in inside] + [(v, False) for v in outside]:
                    rc2, out2, err2 = run(["--spec", "-", "--format", "json", "--" + m.group(1), x], json.dumps(spec))
                    if rc2 not in (0, 1):
                        continue  # no workload (e.g. gpu_mem 0 with 7 GPUs): nothing to check
                    same = outcome(json.loads(out2)) == c["outcome"]
                    if same != want_same:
                        bad.append(f"{spec}: {line.strip()!r}: at --{m.group(1)} {x} the outcome is "
                                   f"{'' if same else 'not '}the claimed one")
    want = {
        0: ("  with --gpu-mem more than 0 and 11.4 or less (80/7, for --gpus 7): V1 (",
            "  若 --gpu-mem 大于 0 且 11.4 及以下（80/7，对应 --gpus 7）"),
        1: ("  with --gpu-mem 11.5 or more (80/7, for --gpus 7): V2 (", "  若 --gpu-mem 11.5 及以上（80/7，对应 --gpus 7）"),
        2: ("  with --gpu-mem more than 0 and 26.6 or less (80/3, for --gpus 3): V1 (", "26.6 及以下（80/3，对应 --gpus 3）"),
        3: ("  with --gpu-mem more than 0 and less than 1.6: V1 (", "  若 --gpu-mem 大于 0 且 小于 1.6："),
    }
    for i, (en, zh) in want.items():
        rc, out, err = run(["--spec", "-", "--lang", "en"], json.dumps(ROUND_SPECS[i]))
        if en not in out:
            bad.append(f"{ROUND_SPECS[i]}: text lacks {en!r}:\n{out}")
        rc, out, err = run(["--spec", "-", "--lang", "zh"], json.dumps(ROUND_SPECS[i]))
        if zh not in out:
            bad.append(f"{ROUND_SPECS[i]} zh: text lacks {zh!r}:\n{out}")
    rng = {c["fact"]: c["range"] for c in evaluate(ROUND_SPECS[3])["changes"] if "range" in c}
    if rng.get("gpu_mem") != {"above": 0, "at_most": 1.5999999999999996}:
        bad.append(f"JSON keeps the exact range: {rng.get('gpu_mem')}")
    return bad


def t_despite_an_avoid_rule():
    """Issue 16: a change to V2 that starts an avoid-V2 rule says why V2 holds all the same, in both languages."""
    bad = []
    cases = [
        (["--gpu-mem", "12", "--task", "contract-extraction"], "en",
         ["  with --gpu-mem more than 12: V2 (1.1 no longer applies; 1.2 no-cluster-for-moe starts, "
          "but 2.2 still requires V2)\n",
          "  with --gpus 2 or more: V2 (1.1 no longer applies; 1.2 no-cluster-for-moe starts, but 2.2 still requires V2)\n",
          "  with --task intent-classification: V1 (2.1; 2.2 no longer applies)\n"]),
        (["--gpu-mem", "12", "--task", "contract-extraction"], "zh",
         ["  若 --gpu-mem 大于 12：V2（1.1 不再适用；1.2 no-cluster-for-moe 开始适用，但 2.2 仍要求选用 V2）\n"]),
        (["--gpu-mem", "12", "--streaming"], "en",
         ["  with --gpu-mem more than 12: V2 (1.1 no longer applies; 1.2 no-cluster-for-moe starts, but 4.3 still forbids V1)\n"]),
        (["--gpu-mem", "12", "--streaming"], "zh", ["开始适用，但 4.3 仍禁用 V1）\n"]),
        (["--rules", os.path.join(DATA_RULES, "whatif-despite.yaml"), "--x", "5"], "en",
         ["  with --x 10 or more: B (1; 2 starts, but B scores higher)\n"]),
        (["--rules", os.path.join(DATA_RULES, "whatif-despite.yaml"), "--x", "5"], "zh",
         ["  若 --x 10 及以上：B（1；2 开始适用，但 B 得分更高）\n"]),
    ]
    for args, lang, want in cases:
        rc, out, err = run(args + ["--lang", lang])
        for w in want:
            if w not in out:
                bad.append(f"{' '.join(args)} --lang {lang}: text lacks {w!r}:\n{out}")
    # a rule against the outcome is never listed bare: each such line says why the outcome holds
    for spec in SPECS + ROUND_SPECS:
        rc, out, err = run(["--spec", "-", "--lang", "en"], json.dumps(spec))
        for line in out.split("What would change it", 1)[-1].splitlines()[1:]:
            if "no-cluster-for-moe" in line.split("(", 1)[-1].split(";")[0] and ": V2 (" in line and ", but " not in line:
                bad.append(f"{spec}: {line.strip()!r} lists an avoid-V2 rule as a reason for V2")
    return bad


def t_batch_opt_in():
    bad = []
    lines = "\n".join(json.dumps(s) for s in SPECS) + "\n"
    rc, out, err = run(["--batch", "-"], lines)
    docs = [json.loads(x) for x in out.splitlines()]
    if len(docs) != len(SPECS):
        bad.append(f"batch: {len(docs)} lines for {len(SPECS)} records")
    for d in docs:
        if "changes" in d or "stable" in d:
            bad.append("batch without --changes has 'changes' or 'stable'")
            break
    rc, out, err = run(["--batch", "-", "--changes", "1"], lines)
    docs = [json.loads(x) for x in out.splitlines()]
    if len(docs) != len(SPECS):
        bad.append(f"batch --changes 1: {len(docs)} lines for {len(SPECS)} records")
    for spec, d in zip(SPECS, docs):
        single = evaluate(spec, ["--changes", "1"])
        if d.get("changes") != single["changes"] or d.get("stable") != single["stable"]:
            bad.append(f"batch --changes 1 for {spec}: {d.get('changes')} / {d.get('stable')}, "
                       f"single: {single['changes']} / {single['stable']}")
    return bad


def t_help_shows_an_example():
    rc, out, err = run(["--help"])
    if rc != 0 or not re.search(r"^\s+dsselect .*--changes \d+", out, re.M) or "--changes N" not in out:
        return [f"--help has no '--changes N' option or example: exit {rc}"]
    return []


if __name__ == "__main__":
    run_tests(globals(), "t_")
