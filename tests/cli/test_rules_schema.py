#!/usr/bin/env python3
"""docs/schema/rules.schema.json against the loader of the built binary, table by table.

usage: python3 tests/cli/test_rules_schema.py PATH/TO/dsselect PATH/TO/SOURCE_ROOT

* The shipped tables (rules/) start with '# yaml-language-server: $schema=...' naming the schema by a path
  relative to themselves, and are valid under it.
* Every rule table under tests/data/: one the binary loads ('rules check' exits 0) must be valid; one it
  refuses for a structural reason (an unknown key, a missing key, a wrong type, a value outside an enum,
  a bad identifier, an empty list, a limit: STRUCTURAL below) must be invalid. Errors that depend on the
  table's own declarations (an unknown fact, class or model, an operator that does not suit the fact's
  type, a duplicate id: SEMANTIC) and YAML-level ones (syntax, aliases, duplicate keys) are beyond the
  schema, and not asserted. Every loader message of src/lib/msgtext.h must be in one of the two sets.
* Tables made from the default one, one change each (an unknown key in every kind of mapping, each
  required key removed, each value replaced by one of the wrong type): the binary refuses each for a
  structural reason, and so must the schema.

YAML is read as dsselect reads it (YAML 1.2's core scalars, not PyYAML's YAML 1.1: 'yes' and '2026-02-05'
are strings, '1.5' a number, 'true' a boolean). Needs the Python modules jsonschema and yaml (Debian:
python3-jsonschema, python3-yaml). Prints each failure and 'N passed, M failed'; exits 1 on any failure.
"""
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

try:
    import yaml
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import best_match
except ImportError as e:
    print(f"FAIL rules-schema: {e} for {sys.executable}: install python3-jsonschema and python3-yaml"
          " (apt-get install python3-jsonschema python3-yaml), then re-run cmake so that it finds an interpreter"
          " with both")
    print("0 passed, 1 failed")
    sys.exit(1)

BIN = os.path.abspath(sys.argv[1])
ROOT = os.path.abspath(sys.argv[2])
SCHEMA_PATH = os.path.join(ROOT, "docs", "schema", "rules.schema.json")
SHIPPED = [os.path.join(ROOT, "rules", "deepseek-v1-v2.yaml"), os.path.join(ROOT, "rules", "examples", "three-models.yaml")]
MODELINE = re.compile(r"# yaml-language-server: \$schema=(\S+)\n")
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
TMP = tempfile.mkdtemp(prefix="dsselect-rules-schema-")

with open(SCHEMA_PATH, encoding="utf-8") as f:
    SCHEMA = json.load(f)
VALIDATOR = Draft202012Validator(SCHEMA)


class TableLoader(yaml.SafeLoader):
    """YAML as dsselect reads a table: plain true and false are booleans, plain ~, null and nothing are
    null, a plain decimal number is a number (src/lib/diag.c, dsi_parse_decimal); any other scalar,
    and any quoted one, is a string."""
    yaml_implicit_resolvers = {}


NUMBER = re.compile(r"^[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$")
TableLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|false)$"), list("tf"))
TableLoader.add_implicit_resolver("tag:yaml.org,2002:null", re.compile(r"^(?:~|null|)$"), ["~", "n", ""])
TableLoader.add_implicit_resolver("tag:yaml.org,2002:float", NUMBER, list("-+0123456789."))


def construct_number(loader, node):
    s = loader.construct_scalar(node)
    return int(s) if re.fullmatch(r"[-+]?[0-9]+", s) else float(s)


TableLoader.add_constructor("tag:yaml.org,2002:float", construct_number)


def read_table(path):
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=TableLoader)


def schema_errors(data):
    """The schema's most telling complaint about data, or None when valid."""
    e = best_match(VALIDATOR.iter_errors(data))
    if e is None:
        return None
    return f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message[:160]}"


# ---- the loader's messages, classified ----

# Refused for the table's shape: the schema must refuse it too.
STRUCTURAL = {
    "M_LD_EMPTY", "M_LD_UNKNOWN_KEY_NEAR", "M_LD_UNKNOWN_KEY", "M_LD_WANT_KIND", "M_LD_MISSING_KEY",
    "M_LD_NONEMPTY", "M_LD_IDENT_START", "M_LD_IDENT_CHARS", "M_LD_NUMBER_QUOTED", "M_LD_NUMBER",
    "M_LD_BOOL_QUOTED", "M_LD_BOOL", "M_LD_NO_MODELS", "M_LD_TOO_MANY_MODELS", "M_LD_NO_CLASSES",
    "M_LD_TOO_MANY_CLASSES", "M_LD_CLASS_KIND", "M_LD_FLAG_NO", "M_LD_RANGE_TYPE", "M_LD_MIN_INTEGER",
    "M_LD_MAX_INTEGER", "M_LD_EXCL_BOUND", "M_LD_NEEDS_VALUES", "M_LD_VALUES_TYPE", "M_LD_NO_VALUES",
    "M_LD_TOO_MANY_VALUES", "M_LD_VALUE_BOOL", "M_LD_ID_RESERVED", "M_LD_UNKNOWN_TYPE_NEAR",
    "M_LD_UNKNOWN_TYPE", "M_LD_TOO_MANY_FACTS", "M_LD_FACT_AND_PRODUCT", "M_LD_PRODUCT_TWO",
    "M_LD_COND_NEEDS", "M_LD_IN_EMPTY", "M_LD_KNOWN_FALSE", "M_LD_OP_EMPTY", "M_LD_SECOND_OP", "M_LD_NO_OP",
    "M_LD_ONLY_KEY", "M_LD_NEEDS_COND", "M_LD_TOO_MANY_EXAMPLES", "M_LD_TOO_MANY_CASES", "M_LD_STATUS",
    "M_LD_CASE_EMPTY", "M_LD_UNKNOWN_EFFECT_NEAR", "M_LD_UNKNOWN_EFFECT", "M_LD_NEEDS_WEIGHT",
    "M_LD_WEIGHT_RANGE", "M_LD_WEIGHT_HARD", "M_LD_ACK_EMPTY", "M_LD_TOO_MANY_LIST", "M_LD_SCHEMA",
}
# Refused for what the table itself declares (or for what JSON cannot say): beyond the schema.
SEMANTIC = {
    "M_LD_UNKNOWN_MODEL_NEAR", "M_LD_UNKNOWN_MODEL", "M_LD_DUP_MODEL", "M_LD_DUP_CLASS", "M_LD_DUP_FLAG",
    "M_LD_MAX_BELOW_MIN", "M_LD_DUP_VALUE", "M_LD_DUP_FACT", "M_LD_UNKNOWN_FACT_NEAR", "M_LD_UNKNOWN_FACT",
    "M_LD_NOT_A_VALUE_NEAR", "M_LD_NOT_A_VALUE", "M_LD_PRODUCT_TYPE", "M_LD_OP_STRING", "M_LD_KNOWN_BOOL",
    "M_LD_KNOWN_PRODUCT", "M_LD_OP_NUMBER", "M_LD_OP_BOOL", "M_LD_OP_ENUM", "M_LD_OP_SET",
    "M_LD_INTERNAL_TYPE", "M_LD_TOO_DEEP", "M_LD_DERIVE_INT", "M_LD_DERIVE_RANGE", "M_LD_NOT_DERIVABLE",
    "M_LD_DUP_ID", "M_LD_ACK_NO_RULE", "M_LD_ACK_TWICE", "M_LD_ACK_CLASS", "M_LD_DUP_RULE",
    "M_LD_UNKNOWN_CLASS_NEAR", "M_LD_UNKNOWN_CLASS", "M_LD_HARD_EFFECT_SOFT", "M_LD_SOFT_EFFECT_HARD",
    "M_LD_TOO_MANY_CANDS", "M_LD_NUMBER_FINITE",
}
# A number where the fact decides the type (a derivation's value, eq and ne): a string may be right there.
FACT_TYPED = ("value ", "eq ", "ne ")


def catalog():
    """id -> the English format of every M_LD_ and M_Y_ message of src/lib/msgtext.h."""
    with open(os.path.join(ROOT, "src", "lib", "msgtext.h"), encoding="utf-8") as f:
        text = f.read().replace("\\\n", " ")
    out = {}
    for m in re.finditer(r"^#define (M_(?:LD|Y)_\w+)\s+(.*)$", text, re.M):
        body, english = m.group(2), []
        for lit in re.finditer(r'\s*"((?:[^"\\]|\\.)*)"', body):
            english.append(lit.group(1))
            if body[lit.end():].lstrip().startswith(","):
                break
        out[m.group(1)] = re.sub(r"\\(.)", r"\1", "".join(english))
    return out


CATALOG = catalog()


def pattern(fmt):
    parts = re.split(r"(%(?:\.\d+)?(?:zu|u|d|s|c|%))", fmt)
    rx = ""
    for p in parts:
        if p == "%%":
            rx += "%"
        elif re.fullmatch(r"%(?:\.\d+)?(?:zu|u|d)", p):
            rx += r"\d+"
        elif re.fullmatch(r"%(?:\.\d+)?[sc]", p):
            rx += ".*"
        else:
            rx += re.escape(p)
    return re.compile(rx, re.S)


PATTERNS = {k: pattern(v) for k, v in CATALOG.items()}


def classify(message):
    """(message id, 'structural' | 'semantic' | 'yaml' | 'other'): the most specific format that matches."""
    best = None
    for mid, rx in PATTERNS.items():
        if rx.fullmatch(message):
            literal = len(re.sub(r"%\S", "", CATALOG[mid]))
            if best is None or literal > best[1]:
                best = (mid, literal)
    if best is None:
        return None, "other"  # a spec's own message (an example, a case), or the command's
    mid = best[0]
    if mid.startswith("M_Y_"):
        return mid, "yaml"
    if mid in ("M_LD_NUMBER", "M_LD_NUMBER_QUOTED") and message.startswith(FACT_TYPED):
        return mid, "semantic"
    return mid, "structural" if mid in STRUCTURAL else "semantic" if mid in SEMANTIC else "unclassified"


def loader_errors(path):
    """(exit status, [(message, id, kind)]) of 'dsselect rules check --format json' on path: its errors."""
    r = subprocess.run([BIN, "rules", "check", "--format", "json", path], capture_output=True, text=True,
                       env=ENV, timeout=60)
    try:
        problems = json.loads(r.stdout) if r.stdout.strip() else []
    except ValueError:
        problems = [{"severity": "error", "message": r.stderr.strip() or r.stdout.strip()}]
    return r.returncode, [(p["message"],) + classify(p["message"]) for p in problems if p["severity"] == "error"]


# ---- the tests ----

def test_every_loader_message_is_classified():
    ids = {k for k in CATALOG if k.startswith("M_LD_")}
    problems = [f"{k} ({CATALOG[k]!r}) is in neither STRUCTURAL nor SEMANTIC: say whether the schema must refuse it"
                for k in sorted(ids - STRUCTURAL - SEMANTIC)]
    problems += [f"{k} is in both STRUCTURAL and SEMANTIC" for k in sorted(STRUCTURAL & SEMANTIC)]
    problems += [f"{k} is classified but not a message of msgtext.h" for k in sorted((STRUCTURAL | SEMANTIC) - ids)]
    if len(ids) < 80:
        problems.append(f"only {len(ids)} M_LD_ messages read from msgtext.h: the parsing is broken")
    return problems


def test_schema_is_a_2020_12_schema():
    problems = []
    try:
        Draft202012Validator.check_schema(SCHEMA)
    except Exception as e:  # noqa: BLE001 (a SchemaError, whatever its version calls it)
        problems.append(f"not a valid JSON Schema: {e}")
    if SCHEMA.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
        problems.append(f"$schema is {SCHEMA.get('$schema')!r}")
    if SCHEMA.get("$id") != "rules.schema.json":
        problems.append(f"$id is {SCHEMA.get('$id')!r}, not the file's own name (docs/schema/README.md)")
    return problems


def test_shipped_tables_name_the_schema_and_are_valid():
    problems = []
    for path in SHIPPED:
        with open(path, encoding="utf-8") as f:
            first = f.readline()
        m = MODELINE.fullmatch(first)
        if not m:
            problems.append(f"{path}: the first line is not '# yaml-language-server: $schema=PATH': {first!r}")
            continue
        target = os.path.join(os.path.dirname(path), m.group(1))
        if m.group(1).startswith("/") or not os.path.exists(target) or not os.path.samefile(target, SCHEMA_PATH):
            problems.append(f"{path}: $schema={m.group(1)} is not docs/schema/rules.schema.json relative to the table")
        err = schema_errors(read_table(path))
        if err:
            problems.append(f"{path}: invalid: {err}")
        rc, errs = loader_errors(path)
        if rc != 0:
            problems.append(f"{path}: the binary refuses it (exit {rc}): {errs[:1]}")
    return problems


def data_tables():
    """Every rule table under tests/data/ (a YAML file with a top-level 'schema:' key, or under rules/)."""
    out = []
    for path in sorted(glob.glob(os.path.join(ROOT, "tests", "data", "**", "*.y*ml"), recursive=True)):
        with open(path, "rb") as f:
            text = f.read()
        if os.sep + "rules" + os.sep in path or re.search(rb"^schema:", text, re.M):
            out.append(path)
    return out


def test_data_tables_agree_with_the_loader():
    problems = []
    seen = {"valid": 0, "structural": 0, "semantic only": 0, "yaml": 0}
    ids = set()
    for path in data_tables():
        name = os.path.relpath(path, ROOT)
        rc, errs = loader_errors(path)
        try:
            data = read_table(path)
        except (yaml.YAMLError, UnicodeDecodeError) as e:
            if rc == 0 or not any(kind == "yaml" for _, _, kind in errs):
                problems.append(f"{name}: PyYAML cannot read it ({str(e).splitlines()[0]}), "
                                f"but the binary says {errs[:1] or 'nothing'} (exit {rc})")
            seen["yaml"] += 1
            continue
        err = schema_errors(data)
        unclassified = [(msg, mid) for msg, mid, kind in errs if kind == "unclassified"]
        if unclassified:
            problems.append(f"{name}: unclassified loader messages {unclassified}")
        structural = [(msg, mid) for msg, mid, kind in errs if kind == "structural"]
        ids |= {mid for _, mid in structural}
        if rc == 0:
            seen["valid"] += 1
            if err:
                problems.append(f"{name}: the binary loads it, the schema refuses it: {err}")
        elif rc != 78:
            problems.append(f"{name}: rules check exits {rc}: {errs}")
        elif structural:
            seen["structural"] += 1
            if err is None:
                problems.append(f"{name}: the binary refuses it for its shape ({structural[0][0]!r}, "
                                f"{structural[0][1]}), the schema accepts it")
        elif any(kind == "yaml" for _, _, kind in errs):
            seen["yaml"] += 1
        else:
            seen["semantic only"] += 1
    print("tests/data tables: " + ", ".join(f"{n} {k}" for k, n in seen.items()))
    # the test has teeth: there are good tables, and bad ones of each structural kind
    if seen["valid"] < 10 or seen["structural"] < 30:
        problems.append(f"too few tables to compare: {seen}")
    for must in ("M_LD_UNKNOWN_KEY_NEAR", "M_LD_WANT_KIND", "M_LD_MISSING_KEY", "M_LD_NUMBER", "M_LD_BOOL"):
        if must not in ids:
            problems.append(f"no table under tests/data is refused with {must}")
    return problems


# ---- one change at a time to the default table ----

def locations(data):
    """(JSON path, the schema's $defs name) of one object of each kind in the default table."""
    out = [((), "")]
    for key, d in (("models", "model"), ("classes", "class"), ("derive", "derivation"), ("constraints", "check"),
                   ("notes", "check"), ("cases", "case")):
        out.append(((key, 0), d))
    facts = data["facts"]
    for t in ("number", "integer", "enum", "set", "boolean", "string"):
        i = next(i for i, f in enumerate(facts) if f["type"] == t)
        out.append((("facts", i), "fact"))
    out.append((("facts", 0, "help"), "text"))
    rules = data["rules"]
    hard = next(i for i, r in enumerate(rules) if r["effect"] in ("require", "forbid"))
    soft = next(i for i, r in enumerate(rules) if r["effect"] in ("prefer", "avoid"))
    ex = next(i for i, r in enumerate(rules) if r.get("examples"))
    out += [(("rules", hard), "rule"), (("rules", soft), "rule"), (("rules", ex, "examples", 0), "example")]
    # a condition of each form: all, any, not, a leaf with fact, a leaf with product
    seen = set()

    def walk(cond, path):
        form = next((k for k in ("all", "any", "not", "product", "fact") if k in cond), None)
        if form and form not in seen:
            seen.add(form)
            out.append((path, "condition"))
        for k in ("all", "any"):
            for i, c in enumerate(cond.get(k, [])):
                walk(c, path + (k, i))
        if "not" in cond:
            walk(cond["not"], path + ("not",))
    for i, r in enumerate(rules):
        walk(r["when"], ("rules", i, "when"))
    if seen != {"all", "any", "not", "product", "fact"}:
        raise AssertionError(f"the default table no longer has a condition of each form: {sorted(seen)}")
    return out


def at(data, path):
    for p in path:
        data = data[p]
    return data


def wrong_type(value):
    """A value of another type: a mapping for a scalar or a list, a list for a mapping."""
    return ["x"] if isinstance(value, dict) else {"zz": 1}


def mutants(data):
    """(what was changed, table): one structural change each."""
    out = []
    for path, d in locations(data):
        where = "/".join(map(str, path)) or "(top)"
        m = copy.deepcopy(data)
        at(m, path)["zz_unknown"] = 1
        out.append((f"{where}: an unknown key", m))
        obj = SCHEMA if d == "" else SCHEMA["$defs"][d]
        if d == "condition":  # its forms: below
            req = []
        elif d == "text":
            req = next(b["required"] for b in obj["anyOf"] if "properties" in b)
        else:
            req = obj["required"]
        for key in req:
            m = copy.deepcopy(data)
            del at(m, path)[key]
            out.append((f"{where}: without {key}", m))
        for key in list(at(data, path)):
            if key == "zz_unknown":
                continue
            m = copy.deepcopy(data)
            at(m, path)[key] = wrong_type(at(m, path)[key])
            out.append((f"{where}: {key} of the wrong type", m))
        if d == "condition" and not ({"all", "any", "not"} & set(at(data, path))):
            for extra, what in (({}, "without its operator"), ({"known": True, "eq": 1}, "with a second operator")):
                m = copy.deepcopy(data)
                leaf = at(m, path)
                for k in [k for k in leaf if k not in ("fact", "product")][:1]:
                    if not extra:
                        del leaf[k]
                leaf.update({k: v for k, v in extra.items() if k not in leaf})
                out.append((f"{where}: {what}", m))
    return out


DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's when there: a hundred tables


def dump(data, name):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        yaml.dump(data, f, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=4096)
    return path


def test_one_change_to_the_default_table():
    data = read_table(SHIPPED[0])
    rc, errs = loader_errors(dump(data, "unchanged.yaml"))
    if rc != 0:
        return [f"the default table written back by PyYAML does not load (exit {rc}): {errs[:2]}"]
    problems, n = [], 0
    for i, (what, m) in enumerate(mutants(data)):
        rc, errs = loader_errors(dump(m, f"mutant-{i}.yaml"))
        structural = [e for e in errs if e[2] == "structural"]
        if rc != 78 or not structural:
            problems.append(f"{what}: the binary does not refuse it for its shape (exit {rc}): {errs[:2]}")
            continue
        n += 1
        if VALIDATOR.is_valid(m):
            problems.append(f"{what}: the binary refuses it ({structural[0][0]!r}), the schema accepts it")
    print(f"changed tables: {n} refused by both")
    if n < 100:
        problems.append(f"only {n} changed tables: the generation is broken")
    return problems


if __name__ == "__main__":
    run_tests(globals(), "test_")
