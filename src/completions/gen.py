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
    refused = set(re.findall(r"--([a-z-]+)", re.search(r"refuses: (.*)", text).group(1))) \
        if re.search(r"refuses: (.*)", text) else {"batch", "expect", "spec-dir"}
    fmts = re.search(r"--format ([a-z|]+)", text).group(1).split("|")
    keys = [o["name"].replace("-", "_") for o in main if o["fact"]]
    out = [dict(o, values=fmts) if o["name"] == "format" else o for o in main if o["name"] not in refused]
    return [opt("vary", "FACT=START:STOP:STEP", keys, "vary a fact over a range (an enum or boolean: every value)")] + out


def rules_opts(binary):
    """dsselect rules: the options its --help names (--format text|json, --rules FILE, ...)."""
    text = help_text(binary, "rules")
    found = {}
    for name, arg in re.findall(r"--([a-z][a-z-]*)(?: ([A-Za-z|]+))?", text):
        if name in found:
            continue
        if arg and "|" in arg and arg.islower():
            found[name] = opt(name, "VALUE", arg.split("|"), f"rules: --{name} {arg}")
        elif arg and arg.isupper():
            found[name] = opt(name, arg, None, f"rules: --{name} {arg}")
        else:
            found[name] = opt(name, None, None, f"rules: --{name}")
    found.setdefault("help", opt("help", None, None, "show this help and exit"))
    return list(found.values())


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


def bash_cases(opts, mods):
    cases = []
    for o in opts:
        if not o["arg"]:
            continue
        vals = values_of(o, mods)
        if o["arg"] in FILE_ARGS:
            act = 'COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null'
        elif o["arg"] in DIR_ARGS:
            act = 'COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null'
        elif o["multi"]:  # K[,K...]: the word after the last comma
            act = (f'COMPREPLY=($(compgen -W "{" ".join(vals)}" -P "${{cur%${{cur##*,}}}}" -- "${{cur##*,}}")); '
                   'compopt -o nospace 2>/dev/null')
        elif o["name"] == "vary":
            act = f'COMPREPLY=($(compgen -W "{" ".join(vals)}" -- "$cur")); compopt -o nospace 2>/dev/null'
        elif vals:
            act = f'COMPREPLY=($(compgen -W "{" ".join(vals)}" -- "$cur"))'
        else:
            act = ":"
        cases.append(f'\t\t--{o["name"]}) {act}; return ;;')
    return "\n".join(cases)


def bash(ctx, mods):
    main, sweep, rules = ctx["main"], ctx["sweep"], ctx["rules"]

    def flags(opts):
        return " ".join(w for o in opts for w in words(o))
    return f"""# bash completion for dsselect (generated by src/completions/gen.py from dsselect --help; do not edit)
_dsselect()
{{
	local cur prev sub=
	cur=${{COMP_WORDS[COMP_CWORD]}}
	prev=${{COMP_WORDS[COMP_CWORD-1]}}
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
{bash_cases(rules, mods)}
		esac
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "{flags(rules)}" -- "$cur"))
		elif [ "${{COMP_WORDS[2]}}" = show ]; then
			COMPREPLY=($(compgen -W "{" ".join(ctx["rule_names"])}" -- "$cur"))
		else
			COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null
		fi
		return ;;
	sweep)
		case $prev in
{bash_cases(sweep, mods)}
		esac
		if [[ $cur == -* ]]; then
			COMPREPLY=($(compgen -W "{flags(sweep)}" -- "$cur"))
		fi
		return ;;
	esac
	case $prev in
{bash_cases(main, mods)}
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
        if not o["arg"]:
            specs.append(f"'--{o['name']}[{h}]'")
            if o["neg"]:
                specs.append(f"'--no-{o['name']}[not: {h}]'")
        elif o["arg"] in FILE_ARGS:
            specs.append(f"'--{o['name']}=[{h}]:file:_files'")
        elif o["arg"] in DIR_ARGS:
            specs.append(f"'--{o['name']}=[{h}]:directory:_files -/'")
        elif o["multi"]:
            specs.append(f"'--{o['name']}=[{h}]:values:_sequence compadd - {' '.join(vals)}'")
        elif vals:
            specs.append(f"'--{o['name']}=[{h}]:value:({' '.join(vals)})'")
        else:
            specs.append(f"'--{o['name']}=[{h}]:value: '")
    return " \\\n\t\t".join(specs)


def zsh(ctx, mods):
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
	if [[ $sub == show ]]; then
		_arguments -s \\
			{zsh_specs(ctx['rules'], mods).replace(chr(10) + chr(9) + chr(9), chr(10) + chr(9) * 3)} \\
			'*:rule:({' '.join(ctx['rule_names'])})'
	else
		_arguments -s \\
			{zsh_specs(ctx['rules'], mods).replace(chr(10) + chr(9) + chr(9), chr(10) + chr(9) * 3)} \\
			'*:rule table:_files'
	fi
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


CONDITION = {"main": "not __fish_seen_subcommand_from rules sweep",
             "sweep": "__fish_seen_subcommand_from sweep", "rules": "__fish_seen_subcommand_from rules"}


def fish_lines(ctx, opts, mods):
    cond = fish_quote(CONDITION[ctx])
    lines = []
    for o in opts:
        d = fish_quote(o["help"])
        vals = values_of(o, mods)
        head = f"complete -c dsselect -n {cond}"
        if not o["arg"]:
            lines.append(f"{head} -l {o['name']} -d {d}")
            if o["neg"]:
                lines.append(f"{head} -l no-{o['name']} -d {fish_quote('not: ' + o['help'])}")
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
    lines = ["# fish completion for dsselect (generated by src/completions/gen.py from dsselect --help; do not edit)",
             "complete -c dsselect -n __fish_use_subcommand -f -a rules -d 'check, test, list or show a rule table'",
             "complete -c dsselect -n __fish_use_subcommand -f -a sweep -d 'the decision over a range of a fact'",
             f"complete -c dsselect -n '__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from "
             f"{' '.join(SUBCOMMANDS['rules'])}' -f -a '{' '.join(SUBCOMMANDS['rules'])}'",
             "complete -c dsselect -n '__fish_seen_subcommand_from check test list' -F",
             f"complete -c dsselect -n '__fish_seen_subcommand_from show' -f -a '{' '.join(ctx['rule_names'])}'"]
    for name in ("main", "sweep", "rules"):
        lines += fish_lines(name, ctx[name], mods)
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
