#!/usr/bin/env python3
"""docs/schema/rules.schema.json against the loader it describes (src/lib/load.c), so that the two
cannot drift apart.

usage: python3 tests/structure/test_rules_schema_keys.py [ROOT]

Reads the C source, not the binary: for every mapping of a rule table, the keys the loader accepts (the
NULL-terminated arrays it passes to check_keys(), and the words load_cond() looks for) must be the
schema's 'properties' of that object, and the keys it requires (need(), load_list(..., 1, ...)) its
'required', either way. So are the enums (fact types, effects, class kinds, case statuses, operators),
the list limits of src/lib/ds_limits.h (maxItems), the weight's bounds, and the keys of docs/rules.md's
"Top level" table. A mapping the loader checks that this test does not know fails it too: add it to
the schema and to OBJECTS below. Prints each failure and 'N passed, M failed'; exits 1 on any failure.
"""
import json
import os
import re
import sys

ROOT = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
from runner import run_tests  # noqa: E402


def read(rel):
    with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
        return f.read()


SCHEMA = json.loads(read("docs/schema/rules.schema.json"))
LOAD_C = read("src/lib/load.c")

# The loader's function that checks a mapping's keys -> the schema's object ("" is the table itself).
OBJECTS = {
    "build": "",
    "get_text": "text",
    "load_models": "model",
    "load_classes": "class",
    "load_fact": "fact",
    "load_derive": "derivation",
    "load_check": "check",
    "load_leaf": "leaf",
    "load_rule": "rule",
    "load_examples": "example",
    "load_cases": "case",
}
# The schema's lists -> the limit of src/lib/ds_limits.h the loader applies to them.
LIMITS = {
    "/models": "DS_MAX_MODELS", "/classes": "DS_MAX_CLASSES", "/facts": "DS_MAX_FACTS",
    "/derive": "DS_MAX_DERIVES", "/constraints": "DS_MAX_CONSTRAINTS", "/notes": "DS_MAX_NOTES",
    "/rules": "DS_MAX_RULES", "/cases": "DS_MAX_CASES", "fact/values": "DS_MAX_VALUES",
    "rule/examples": "DS_MAX_EXAMPLES",
}


def functions(src):
    """Each function of the C file: name -> body (from its definition to the closing brace at column 0)."""
    out = {}
    for m in re.finditer(r"^(?:static )?[a-z_ ]+\**\b(\w+)\([^;{]*\)\n\{\n(.*?)^\}", src, re.M | re.S):
        out[m.group(1)] = m.group(2)
    return out


FUNCS = functions(LOAD_C)


def c_strings(text):
    return re.findall(r'"((?:[^"\\]|\\.)*)"', text)


def arrays(body):
    """The string arrays a function declares: name -> [strings] (NULL not included)."""
    return {m.group(1): c_strings(m.group(2))
            for m in re.finditer(r"static const char \*const (\w+)\[\] = \{(.*?)\};", body, re.S)}


def obj(name):
    """The schema's object: the table itself, or a $defs entry."""
    return SCHEMA if name == "" else SCHEMA["$defs"][name]


def props(o):
    """An object's properties; for an anyOf/oneOf of a scalar and an object (a text), the object's."""
    if "properties" in o:
        return set(o["properties"])
    for b in o.get("anyOf", []) + o.get("oneOf", []):
        if "properties" in b:
            return set(b["properties"])
    return set()


def required(o):
    if "properties" in o:
        return set(o.get("required", []))
    for b in o.get("anyOf", []) + o.get("oneOf", []):
        if "properties" in b:
            return set(b.get("required", []))
    return set()


def diff(what, loader, schema):
    out = []
    if loader - schema:
        out.append(f"{what}: the loader has {sorted(loader - schema)}, the schema does not")
    if schema - loader:
        out.append(f"{what}: the schema has {sorted(schema - loader)}, the loader does not")
    return out


def loader_keys():
    """function -> the keys of the array it passes to check_keys()."""
    out, problems = {}, []
    for fn, body in FUNCS.items():
        arrs = arrays(body)
        for m in re.finditer(r"check_keys\(ld, \w+, (\w+),", body):
            if m.group(1) not in arrs:
                problems.append(f"{fn}: check_keys() with '{m.group(1)}', not an array of the function")
                continue
            if fn in out:
                problems.append(f"{fn}: more than one check_keys() (teach this test which object each is)")
            out[fn] = set(arrs[m.group(1)])
    return out, problems


def test_keys_per_object():
    keys, problems = loader_keys()
    if set(keys) != set(OBJECTS) or len(keys) < 10:
        problems += diff("functions that check a mapping's keys (OBJECTS)", set(keys), set(OBJECTS))
    for fn, o in OBJECTS.items():
        if fn in keys:
            problems += diff(f"keys of {o or 'the table'} ({fn})", keys[fn], props(obj(o)))
    return problems


def test_condition_forms():
    """all, any and not: the words load_cond() looks for, and the schema's branches of a condition."""
    words = set(re.findall(r'get\(n, "(\w+)"\)', FUNCS["load_cond"]))
    branches = set()
    for b in SCHEMA["$defs"]["condition"]["anyOf"]:
        branches |= set(b.get("properties", {}))
    problems = diff("condition forms (load_cond)", words, branches)
    if {"$ref": "#/$defs/leaf"} not in SCHEMA["$defs"]["condition"]["anyOf"]:
        problems.append("a condition's branches do not include the leaf ({fact|product, OP})")
    ops = set(c_strings(re.search(r"op_names\[\] = \{(.*?)\};", LOAD_C, re.S).group(1)))
    problems += diff("operators (op_names)", ops, props(obj("leaf")) - {"fact", "product"})
    return problems


def test_required_keys():
    """need() of a key, and load_list(..., 1, ...), against each object's 'required'."""
    need = {o: set() for o in OBJECTS.values()}
    for fn, body in FUNCS.items():
        for var, key in re.findall(r'need\(ld, (\w+), "(\w+)"', body):
            if var == "root":
                need[""].add(key)
            elif fn in OBJECTS:
                need[OBJECTS[fn]].add(key)
            else:
                return [f"{fn}: need(ld, {var}, \"{key}\") in a function this test does not know"]
        for key in re.findall(r'load_list\(ld, root, "(\w+)", 1,', body):
            need[""].add(key)
    problems = []
    for o, keys in need.items():
        problems += diff(f"required keys of {o or 'the table'}", keys, required(obj(o)))
    if not need[""] >= {"schema", "models", "rules"}:
        problems.append(f"the table's required keys read from load.c look wrong: {sorted(need[''])}")
    return problems


def test_enums():
    problems = []
    types = c_strings(re.search(r"type_names\[\] = \{(.*?)\};", LOAD_C, re.S).group(1))
    problems += diff("fact types (type_names)", set(types), set(obj("fact")["properties"]["type"]["enum"]))
    statuses = c_strings(re.search(r"statuses\[\] = \{(.*?)\};", LOAD_C, re.S).group(1))
    problems += diff("case statuses", set(statuses), set(obj("case")["properties"]["status"]["enum"]))
    words = read("src/lib/words.c")
    effects = c_strings(re.search(r"dsi_effect_keywords\[\d*\] = \{(.*?)\};", words, re.S).group(1))
    problems += diff("effects (dsi_effect_keywords)", set(effects), set(obj("rule")["properties"]["effect"]["enum"]))
    # load.c compares a class's kind with dsi_class_kind_name(soft, DS_LANG_EN): M_WD_HARD and M_WD_SOFT
    msgs = read("src/lib/msgtext.h")
    kinds = {re.search(rf'#define {m} "(\w+)"', msgs).group(1) for m in ("M_WD_HARD", "M_WD_SOFT")}
    if "dsi_class_kind_name(0, DS_LANG_EN)" not in FUNCS["load_classes"]:
        problems.append("load_classes() no longer reads a class's kind with dsi_class_kind_name(): update this test")
    problems += diff("class kinds", kinds, set(obj("class")["properties"]["kind"]["enum"]))
    return problems


def test_limits():
    limits = dict(re.findall(r"#define (DS_MAX_\w+) (\d+)\n", read("src/lib/ds_limits.h")))
    problems = []
    for path, macro in LIMITS.items():
        o, key = path.split("/")
        got = obj(o)["properties"][key].get("maxItems")
        if str(got) != limits.get(macro):
            problems.append(f"{path}: maxItems {got}, but {macro} is {limits.get(macro)}")
        if macro not in LOAD_C:
            problems.append(f"{macro} is no longer used by load.c: update this test")
    if str(obj("scalar").get("maxLength")) != limits["DS_MAX_STRING"]:
        problems.append(f"scalar: maxLength {obj('scalar').get('maxLength')}, DS_MAX_STRING is {limits['DS_MAX_STRING']}")
    w = obj("rule")["properties"]["weight"]
    m = re.search(r"!\(r->weight > (\w+)\) \|\| r->weight > ([\w.]+)\)", FUNCS["load_rule"])
    if not m or (float(m.group(1)), float(m.group(2))) != (w.get("exclusiveMinimum"), w.get("maximum")):
        problems.append(f"weight: the schema has ({w.get('exclusiveMinimum')}, {w.get('maximum')}], "
                        f"load.c {m.groups() if m else 'something this test cannot read'}")
    return problems


def test_docs_top_level():
    """docs/rules.md's table of top-level keys: the same keys, the same required ones."""
    doc = read("docs/rules.md")
    section = doc.split("## Top level", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(\w+)` \| (yes|no) \|", section, re.M)
    problems = diff("top-level keys (docs/rules.md)", {k for k, _ in rows}, props(SCHEMA))
    problems += diff("required top-level keys (docs/rules.md)", {k for k, r in rows if r == "yes"}, required(SCHEMA))
    return problems


# Keywords a draft-7 reader knows too ($defs is reached by JSON pointer): the YAML language server of older
# editors reads the schema the same way (docs/schema/README.md).
DRAFT7 = {"$schema", "$id", "$ref", "$defs", "title", "description", "type", "properties", "required",
          "additionalProperties", "const", "enum", "items", "minItems", "maxItems", "uniqueItems", "anyOf",
          "oneOf", "allOf", "not", "if", "then", "else", "minProperties", "maxProperties", "pattern", "minLength",
          "maxLength", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "propertyNames", "examples",
          "$comment"}


def test_readable_as_draft_7():
    problems = []

    def walk(node, path):
        if isinstance(node, list):
            for i, n in enumerate(node):
                walk(n, f"{path}/{i}")
            return
        if not isinstance(node, dict):
            return
        if "$ref" in node and set(node) - {"$ref", "description"}:
            problems.append(f"{path}: {sorted(set(node) - {'$ref', 'description'})} beside $ref (draft 7 ignores them)")
        for k, v in node.items():
            if k in ("properties", "$defs"):
                for name, sub in v.items():
                    walk(sub, f"{path}/{k}/{name}")
            else:
                if k not in DRAFT7:
                    problems.append(f"{path}: keyword {k}")
                walk(v, f"{path}/{k}")
    walk(SCHEMA, "")
    return problems


def test_the_parser_sees_the_loader():
    """The C parsing above reads what it should (a regression of this test is no pass)."""
    problems = []
    for fn in list(OBJECTS) + ["load_cond", "load_facts"]:
        if fn not in FUNCS:
            problems.append(f"no function {fn}() found in load.c")
    keys, _ = loader_keys()
    if "weight" not in keys.get("load_rule", set()) or "informational" not in keys.get("load_fact", set()):
        problems.append("the keys of load_rule()/load_fact() were not read")
    return problems


if __name__ == "__main__":
    run_tests(globals(), "test_")
