#!/usr/bin/env python3
"""Writes dsselect's shell completions (bash, zsh, fish) from its own --help.

usage: python3 src/completions/gen.py PATH/TO/dsselect [OUTDIR]   (default OUTDIR: beside this script)

--help is printed from the option table and the rule table's facts, so the
completions follow both: every flag, the values of enum facts and of
--format/--lang/--expect, a comma-separated list for a set fact (--data),
files after --spec, --rules and --batch, a directory after --spec-dir, and
the subcommands with their own options ("dsselect sweep --format" offers csv,
"dsselect rules check --format" only text and json, --vary the facts, "rules
check|test|list" a file). The generated files are committed;
tests/cli/test_completions.py fails when they differ from what this script
writes.
"""
import json
import os
import re
import subprocess
import sys

ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
FILE_ARGS = {"FILE", "FILE|-", "[FILE]"}
DIR_ARGS = {"DIR"}
SUBCOMMANDS = {"rules": ["check", "test", "list", "show"], "sweep": []}


def help_text(binary, *args):
    return subprocess.run([binary, *args, "--help"], capture_output=True, env=ENV, timeout=60,
                          check=True).stdout.decode()


def opt(name, arg=None, values=None, help="", neg=False, multi=False):
    return {"name": name, "arg": arg, "values": values, "help": help, "neg": neg, "multi": multi, "fact": False}


def parse(text):
    """The options of dsselect --help in its order: dicts of name, arg, values, help, neg, multi, fact."""
    opts, facts = [], False
    for line in text.splitlines():
        if line.startswith("Workload facts"):
            facts = True
        m = re.match(r"^  --(\[no-\])?([a-z][a-z0-9-]*)(?: (\S+))?\s{2,}(.*)$", line)
        if m:
            o = opt(m.group(2), m.group(3), None, m.group(4).strip(), bool(m.group(1)))
            o["fact"] = facts
            opts.append(o)
            continue
        m = re.match(r"^\s{20,}(one of|any of, comma-separated): (.*)$", line)
        if m and opts:
            opts[-1]["values"] = [v.strip() for v in m.group(2).split(",") if v.strip() and v.strip() != "..."]
            opts[-1]["multi"] = m.group(1) != "one of"
    for o in opts:  # the built-in options' values, from their help
        if o["name"] == "format":
            m = re.search(r"output: ([a-z, ]+) or ([a-z]+)", o["help"])
            o["values"] = [v.strip() for v in m.group(1).split(",")] + [m.group(2)] if m else None
        elif o["name"] == "lang":
            o["values"] = re.findall(r"\b(en|zh)\b", o["help"])
        elif o["name"] == "color":
            o["values"] = list(dict.fromkeys(re.findall(r"\b(auto|always|never)\b", o["help"])))
    return opts


def sweep_opts(binary, main):
    """dsselect sweep: the main options but those it refuses, its formats, and --vary over the facts."""
    text = help_text(binary, "sweep")
    m = re.search(r"refuses[^:\n]*: (.*(?:\n  .*)*)", text)  # the list may go on in indented lines
    refused = set(re.findall(r"--([a-z-]+)", m.group(1))) if m else {"batch", "expect", "spec-dir"}
    fmts = re.search(r"--format ([a-z|]+)", text).group(1).split("|")
    keys = [o["name"].replace("-", "_") for o in main if o["fact"]]
    out = [dict(o, values=fmts, help="output: " + ", ".join(fmts[:-1]) + " or " + fmts[-1]) if o["name"] == "format"
           else o for o in main if o["name"] not in refused]
    vary = opt("vary", "FACT=START:STOP:STEP", keys, "vary a fact over a range (an enum or boolean: every value)")
    vary["repeat"] = True  # a grid: two of them
    return [vary] + out


def rules_opts(binary):
    """dsselect rules: {subcommand: its options}, as its --help names them: an option in a usage
    line (and the indented lines under it) belongs to that subcommand; one named only elsewhere
    (--lang) to all of them."""
    text = help_text(binary, "rules")
    per, glob, cur = {s: {} for s in SUBCOMMANDS["rules"]}, {}, None
    for line in text.splitlines():
        m = re.search(r"dsselect rules ([a-z]+)", line)
        if m and m.group(1) in per:
            cur = m.group(1)
        elif not line.startswith(" "):
            cur = None
        for name, arg in re.findall(r"--([a-z][a-z-]*)(?: ([A-Za-z|]+))?", line):
            if arg and "|" in arg and arg.islower():
                o = opt(name, "VALUE", arg.split("|"), f"--{name} {arg}")
            elif arg and arg.isupper():
                o = opt(name, arg, None, f"--{name} {arg}")
            else:
                o = opt(name, None, None, f"--{name}")
            o["noeq"] = True  # offered as "--format json", the form its --help shows
            (per[cur] if cur else glob).setdefault(name, o)
    known = {n for opts in per.values() for n in opts}
    glob = {n: o for n, o in glob.items() if n not in known}
    glob.setdefault("help", dict(opt("help", None, None, "show this help and exit"), noeq=True))
    return {sub: list(opts.values()) + list(glob.values()) for sub, opts in per.items()}


def rules_list(binary):
    return json.loads(subprocess.run([binary, "rules", "list", "--format", "json"], capture_output=True, env=ENV,
                                     timeout=60, check=True).stdout.decode())


def models(binary):
    found = sorted({r["model"] for r in rules_list(binary) if r.get("model")})
    return found or ["V1", "V2"]


def rule_names(binary):
    """What 'rules show' takes: each rule's ref (its source section) and id."""
    rules = rules_list(binary)
    return list(dict.fromkeys([r["source"] for r in rules] + [r["rule"] for r in rules]))


def words(o):
    return ["--" + o["name"]] + (["--no-" + o["name"]] if o["neg"] else [])


def values_of(o, mods):
    return mods if o["name"] == "expect" else o["values"]


FILES = 'local IFS=$\'\\n\'; COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null'
DIRS = 'local IFS=$\'\\n\'; COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null'


def bash_cases(opts, mods, indent):
    cases = []
    for o in opts:
        if not o["arg"]:
            continue
        vals = values_of(o, mods)
        if o["arg"].startswith("["):  # an optional value: an option may come instead
            act = f'[[ $cur == -* ]] || {{ {FILES}; return; }}'
        elif o["arg"] in FILE_ARGS:
            act = f"{FILES}; return"
        elif o["arg"] in DIR_ARGS:
            act = f"{DIRS}; return"
        elif o["multi"]:  # K[,K...]: the word after the last comma
            act = (f'COMPREPLY=($(compgen -W "{" ".join(vals)}" -P "${{cur%${{cur##*,}}}}" -- "${{cur##*,}}")); '
                   'compopt -o nospace 2>/dev/null; return')
        elif o["name"] == "vary":
            act = f'COMPREPLY=($(compgen -W "{" ".join(vals)}" -- "$cur")); compopt -o nospace 2>/dev/null; return'
        elif vals:
            act = f'COMPREPLY=($(compgen -W "{" ".join(vals)}" -- "$cur")); return'
        else:
            act = "return"
        cases.append(f'{indent}--{o["name"]}) {act} ;;')
    return "\n".join(cases)


def flags(opts):
    return " ".join(w for o in opts for w in words(o))


def bash(ctx, mods):
    main, sweep, rules = ctx["main"], ctx["sweep"], ctx["rules"]
    every = list({o["name"]: o for sub in SUBCOMMANDS["rules"] for o in rules[sub]}.values())
    per_sub = "\n".join(f'\t\t\t{sub}) COMPREPLY=($(compgen -W "{flags(rules[sub])}" -- "$cur")) ;;'
                        for sub in SUBCOMMANDS["rules"])
    return f"""# bash completion for dsselect (generated by src/completions/gen.py from dsselect --help; do not edit)
_dsselect()
{{
	local cur prev sub=
	cur=${{COMP_WORDS[COMP_CWORD]}}
	prev=${{COMP_WORDS[COMP_CWORD-1]}}
	# bash splits "--format=csv" at the '=': the option is the word before it
	if [ "$cur" = = ]; then
		cur=
	elif [ "$prev" = = ] && [ "$COMP_CWORD" -ge 2 ]; then
		prev=${{COMP_WORDS[COMP_CWORD-2]}}
	fi
	if [ "$COMP_CWORD" -ge 2 ]; then
		sub=${{COMP_WORDS[1]}}
	fi
	if [ "$sub" = rules ] && [ "$COMP_CWORD" -eq 2 ]; then
		COMPREPLY=($(compgen -W "{" ".join(SUBCOMMANDS["rules"])}" -- "$cur"))
		return
	fi
	case $sub in
	rules)
		case $prev in
{bash_cases(every, mods, chr(9) * 2)}
		esac
		if [[ $cur == -* ]]; then
			case ${{COMP_WORDS[2]}} in
{per_sub}
			esac
		elif [ "${{COMP_WORDS[2]}}" = show ]; then
			COMPREPLY=($(compgen -W "{" ".join(ctx["rule_names"])}" -- "$cur"))
		else
			{FILES}
		fi
		return ;;
	sweep)
		case $prev in
{bash_cases(sweep, mods, chr(9) * 2)}
		esac
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "{flags(sweep)}" -- "$cur"))
		fi
		return ;;
	esac
	case $prev in
{bash_cases(main, mods, chr(9))}
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "{flags(main)}" -- "$cur"))
	elif [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "{" ".join(SUBCOMMANDS)} {flags(main)}" -- "$cur"))
	fi
}}
complete -F _dsselect dsselect
"""


def zsh_quote(s):
    return s.replace("\\", "\\\\").replace("'", "'\\''").replace("[", "\\[").replace("]", "\\]").replace(":", "\\:")


def zsh_specs(opts, mods):
    specs = []
    for o in opts:
        h = zsh_quote(o["help"])
        vals = values_of(o, mods)
        rep = "*" if o.get("repeat") else ""
        eq = "" if o.get("noeq") else "="  # "=": the value in the same word after '=' or in the next
        name = f"{rep}--{o['name']}"
        if not o["arg"]:
            specs.append(f"'{name}[{h}]'")
            if o["neg"]:
                specs.append(f"'--no-{o['name']}[not: {h}]'")
        elif o["arg"].startswith("["):  # an optional value: in the next word, if it is not an option
            specs.append(f"'{name}[{h}]::file:_files'")
        elif o["arg"] in FILE_ARGS:
            specs.append(f"'{name}{eq}[{h}]:file:_files'")
        elif o["arg"] in DIR_ARGS:
            specs.append(f"'{name}{eq}[{h}]:directory:_files -/'")
        elif o["multi"]:
            specs.append(f"'{name}{eq}[{h}]:values:_sequence compadd - {' '.join(vals)}'")
        elif vals:
            specs.append(f"'{name}{eq}[{h}]:value:({' '.join(vals)})'")
        else:
            specs.append(f"'{name}{eq}[{h}]:value: '")
    return " \\\n\t\t\t".join(specs)


def zsh(ctx, mods):
    rules = []
    for sub in SUBCOMMANDS["rules"]:
        rest = f"'*:rule:({' '.join(ctx['rule_names'])})'" if sub == "show" else "'*:rule table:_files'"
        rules.append(f"\t{sub})\n\t\t_arguments -s \\\n\t\t\t{zsh_specs(ctx['rules'][sub], mods)} \\\n"
                     f"\t\t\t{rest}\n\t\t;;")
    rules = "\n".join(rules)
    return f"""#compdef dsselect
# zsh completion for dsselect (generated by src/completions/gen.py from dsselect --help; do not edit)
if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then
	_values 'command' 'rules[check, test, list or show a rule table]' 'sweep[the decision over a range of a fact]'
	return
fi
case $words[2] in
rules)
	if (( CURRENT == 3 )); then
		_values 'rules command' {' '.join(SUBCOMMANDS['rules'])}
		return
	fi
	local sub=$words[3]
	shift 2 words  # the options and files after "rules SUBCOMMAND"
	(( CURRENT -= 2 ))
	case $sub in
{rules}
	esac
	;;
sweep)
	shift words  # the options after "sweep"
	(( CURRENT-- ))
	_arguments -s \\
			{zsh_specs(ctx['sweep'], mods)}
	;;
*)
	_arguments -s \\
			{zsh_specs(ctx['main'], mods)}
	;;
esac
"""


def fish_quote(s):
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'"


# A subcommand counts only as the first word: "dsselect --spec-dir rules" is no "rules".
FISH_HEAD = """function __dsselect_sub --description 'the command line is dsselect SUB ...'
    set -l t (commandline -opc)
    test (count $t) -ge 2; and test "$t[2]" = $argv[1]
end
function __dsselect_rules --description 'the command line is dsselect rules SUB ... (SUB one of the arguments)'
    set -l t (commandline -opc)
    test (count $t) -ge 3; and test "$t[2]" = rules; and contains -- $t[3] $argv
end"""

CONDITION = {"main": "not __dsselect_sub rules; and not __dsselect_sub sweep", "sweep": "__dsselect_sub sweep"}


def fish_lines(cond, opts, mods):
    cond = fish_quote(cond)
    lines = []
    for o in opts:
        d = fish_quote(o["help"])
        vals = values_of(o, mods)
        head = f"complete -c dsselect -n {cond}"
        if not o["arg"]:
            lines.append(f"{head} -l {o['name']} -d {d}")
            if o["neg"]:
                lines.append(f"{head} -l no-{o['name']} -d {fish_quote('not: ' + o['help'])}")
        elif o["arg"].startswith("["):  # an optional value
            lines.append(f"{head} -l {o['name']} -F -d {d}")
        elif o["arg"] in FILE_ARGS:
            lines.append(f"{head} -l {o['name']} -r -F -d {d}")
        elif o["arg"] in DIR_ARGS:
            lines.append(f"{head} -l {o['name']} -x -a '(__fish_complete_directories)' -d {d}")
        elif o["multi"]:
            lines.append(f"{head} -l {o['name']} -x -a '(__fish_complete_list , \"string split \\\" \\\" "
                         f"{' '.join(vals)}\")' -d {d}")
        elif vals:
            lines.append(f"{head} -l {o['name']} -x -a '{' '.join(vals)}' -d {d}")
        else:
            lines.append(f"{head} -l {o['name']} -x -d {d}")
    return lines


def fish(ctx, mods):
    subs = " ".join(SUBCOMMANDS["rules"])
    lines = ["# fish completion for dsselect (generated by src/completions/gen.py from dsselect --help; do not edit)",
             FISH_HEAD,
             "complete -c dsselect -n 'test (count (commandline -opc)) -eq 1' -f -a rules "
             "-d 'check, test, list or show a rule table'",
             "complete -c dsselect -n 'test (count (commandline -opc)) -eq 1' -f -a sweep "
             "-d 'the decision over a range of a fact'",
             "complete -c dsselect -n '__dsselect_sub rules; and test (count (commandline -opc)) -eq 2' -f "
             f"-a '{subs}'",
             "complete -c dsselect -n '__dsselect_rules check test list' -F",
             f"complete -c dsselect -n '__dsselect_rules show' -f -a '{' '.join(ctx['rule_names'])}'"]
    lines += fish_lines(CONDITION["main"], ctx["main"], mods)
    lines += fish_lines(CONDITION["sweep"], ctx["sweep"], mods)
    for sub in SUBCOMMANDS["rules"]:
        lines += fish_lines(f"__dsselect_rules {sub}", ctx["rules"][sub], mods)
    return "\n".join(lines) + "\n"


def main():
    if len(sys.argv) not in (2, 3):
        sys.stderr.write("usage: gen.py PATH/TO/dsselect [OUTDIR]\n")
        return 64
    binary = sys.argv[1]
    outdir = sys.argv[2] if len(sys.argv) == 3 else os.path.dirname(os.path.abspath(__file__))
    main_opts = parse(help_text(binary))
    ctx = {"main": main_opts, "sweep": sweep_opts(binary, main_opts), "rules": rules_opts(binary),
           "rule_names": rule_names(binary)}
    mods = models(binary)
    for name, text in (("dsselect.bash", bash(ctx, mods)), ("_dsselect", zsh(ctx, mods)),
                       ("dsselect.fish", fish(ctx, mods))):
        with open(os.path.join(outdir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
