#!/usr/bin/env python3
"""The shell completions (src/completions/) list every flag and are what gen.py writes today.

usage: python3 tests/cli/test_completions.py PATH/TO/dsselect
Prints each failure and 'N passed, M failed'; exits 1 on any failure.
"""
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN = os.path.abspath(sys.argv[1])
SRC = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "completions")
FILES = ("dsselect.bash", "_dsselect", "dsselect.fish")
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}


def read(name, where=SRC):
    with open(os.path.join(where, name), encoding="utf-8") as f:
        return f.read()


def help_flags():
    text = subprocess.run([BIN, "--help"], capture_output=True, env=ENV, timeout=60).stdout.decode()
    flags = set()
    for m in re.finditer(r"^  --(\[no-\])?([a-z][a-z0-9-]*)", text, re.M):
        flags.add("--" + m.group(2))
        if m.group(1):
            flags.add("--no-" + m.group(2))
    return flags


def t_committed_files_are_current():
    tmp = tempfile.mkdtemp(prefix="dsselect-compl-")
    try:
        subprocess.run([sys.executable, os.path.join(SRC, "gen.py"), BIN, tmp], check=True, env=ENV, timeout=60)
        return [f"src/completions/{n} is not what gen.py writes now: run python3 src/completions/gen.py "
                f"build/dsselect" for n in FILES if read(n) != read(n, tmp)]
    finally:
        shutil.rmtree(tmp)


def t_every_flag_in_every_shell():
    flags, bad = help_flags(), []
    if len(flags) < 30:
        return [f"only {len(flags)} flags read from --help"]
    # the subcommands' own options, as their --help names them
    for sub in ("sweep", "rules"):
        text = subprocess.run([BIN, sub, "--help"], capture_output=True, env=ENV, timeout=60).stdout.decode()
        own = set(re.findall(r"(--[a-z][a-z-]*)", text)) - {"--help"}
        if not own:
            bad.append(f"no options read from dsselect {sub} --help")
        flags |= own
    for n in FILES:
        text = read(n)
        for f in sorted(flags):
            word = f if n != "dsselect.fish" else "-l " + f[2:]
            if not re.search(re.escape(word) + r"(?![a-z0-9-])", text):
                bad.append(f"{n} lacks {f}")
    return bad


def complete_bash(*typed):
    """What the bash completion offers for the command line words (the last is being typed)."""
    words = []
    for w in typed:  # bash's COMP_WORDBREAKS split "--format=csv" into --format, =, csv
        if w.startswith("--") and "=" in w:
            name, _, value = w.partition("=")
            words += [name, "="] + ([value] if value or w is not typed[-1] else [])
        else:
            words.append(w)
    script = (f"source {os.path.join(SRC, 'dsselect.bash')}\n"
              "COMP_WORDS=(dsselect " + " ".join(f"'{w}'" for w in words) + ")\n"
              f"COMP_CWORD={len(words)}\n_dsselect\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n")
    p = subprocess.run(["bash", "-c", script], capture_output=True, timeout=30)
    if p.returncode:
        raise AssertionError(p.stderr.decode())
    return p.stdout.decode().splitlines()


SPACED = tempfile.mkdtemp(prefix="dsselect-compl-")  # removed at the end
with open(os.path.join(SPACED, "my spec.yaml"), "w") as f_:
    f_.write("gpus: 1\n")
RULES_YAML = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "rules", "deepseek-v1-v2.yaml")

# (words after 'dsselect', the last being typed; what must be offered; what must not)
CASES = (
    (("--ta",), {"--task"}, set()),
    (("--task", "con"), {"contract-extraction"}, set()),
    (("--format", ""), {"ndjson", "junit", "github"}, {"csv"}),
    (("--no-nc",), {"--no-nccl"}, set()),
    (("ru",), {"rules"}, set()),
    (("rules", "ch"), {"check"}, set()),
    (("--expect", ""), {"V1", "V2"}, set()),
    (("--lang", "z"), {"zh"}, set()),
    (("--color", "ne"), {"never"}, set()),
    (("--data", "code,m"), {"code,math"}, set()),
    (("--data", ""), {"code", "math", "tables", "text"}, set()),
    (("sweep", "--format", ""), {"text", "csv", "json", "ndjson"}, {"junit", "github", "tsv"}),
    (("sweep", "--vary", "gpu_"), {"gpu_mem", "gpu_model"}, set()),
    (("sweep", "--ba"), set(), {"--batch"}),
    (("sweep", "--gpu-m"), {"--gpu-mem", "--gpu-model"}, set()),
    (("rules", "check", "--format", ""), {"text", "json"}, {"ndjson", "csv"}),
    (("rules", "check", "--st"), {"--strict"}, set()),
    (("rules", "check", RULES_YAML[:-8]), {os.path.normpath(RULES_YAML)}, set()),
    (("rules", "show", "2."), {"2.1", "2.2", "2.3"}, set()),
    # the value in the same word, after '='
    (("--format=j",), {"json"}, set()),
    (("sweep", "--format=c",), {"csv"}, set()),
    (("--data=code,t",), {"code,tables", "code,text"}, set()),
    # a subcommand is only the first word
    (("--detect", "ru"), set(), {"rules"}),
    (("--spec-dir", "rules", "--ex"), {"--expect"}, set()),
    (("--lang", "en", "rules", "--st"), set(), {"--strict"}),
    # two --vary for a grid; --batch's file is optional; each rules command's own options
    (("sweep", "--vary", "gpu_mem=8:80:8", "--va"), {"--vary"}, set()),
    (("--batch", "--su"), {"--summary"}, set()),
    (("rules", "list", "--st"), set(), {"--strict"}),
    (("rules", "test", "--fo"), set(), {"--format"}),
    (("rules", "show", "--ru"), {"--rules"}, set()),
    # a file name with a space is one word
    (("--spec", os.path.join(SPACED, "my s")), {os.path.join(SPACED, "my spec.yaml")}, set()),
)


def check_cases(shell, complete):
    bad = []
    for words, want, unwanted in CASES:
        got = {os.path.normpath(g) if g.startswith("/") else g for g in complete(*words)}
        got = {g.partition("=")[2] if g.startswith("--") and "=" in g[:-1] else g for g in got}  # fish: --format=json
        if shell == "zsh":  # zsh's matches are the part after a list's comma or a path's last slash
            want = {w.rsplit(",", 1)[-1].rsplit("/", 1)[-1] for w in want}
            unwanted = {w.rsplit(",", 1)[-1].rsplit("/", 1)[-1] for w in unwanted}
        if want - got or unwanted & got:
            bad.append(f"{shell}: dsselect {' '.join(words)}<TAB>: {sorted(got)[:10]}, want {sorted(want)}"
                       f"{', not ' + str(sorted(unwanted)) if unwanted else ''}")
    return bad


def t_bash_completes_flags_values_and_subcommands():
    return check_cases("bash", lambda *w: complete_bash(*[os.path.normpath(x) if x.startswith("/") else x
                                                          for x in w[:-1]] + [w[-1]]))


def complete_fish(*words):
    line = "dsselect " + " ".join(w.replace(" ", "\\ ") for w in words)  # as typed: a space escaped
    script = f"source {os.path.join(SRC, 'dsselect.fish')}; complete -C {shlex.quote(line)}"
    p = subprocess.run(["fish", "--no-config", "-c", script], capture_output=True, timeout=30)
    if p.returncode:
        raise AssertionError(p.stderr.decode())
    return [ln.split("\t")[0] for ln in p.stdout.decode().splitlines()]


# zsh completes on a terminal: a pty (zsh/zpty) runs an interactive zsh whose compadd also prints each
# match between markers; READY and DONE mark where the setup and the completion end. Typing waits for
# the prompt after READY: before it the line editor is not reading, and the terminal would take the TAB.
ZSH_CAPTURE = r"""
zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "PS1='ZC> '; fpath=($1 \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z 'compadd() { local -a m_; builtin compadd -A m_ "$@"; local x; for x in $m_; do print -rn -- "<m>$x</m>" > /dev/tty; done; builtin compadd "$@"; }'
zpty -w z 'print RE""ADY'
zpty -r z out '*READY*ZC> *'
zpty -w -n z $'dsselect '"$2"$'\t\C-u'
zpty -w z 'print DO""NE'
zpty -r z out '*DONE*'
zpty -d z
print -r -- "$out"
"""


def complete_zsh(*words):
    typed = " ".join(w.replace(" ", "\\ ") for w in words)  # as typed: a space escaped
    p = subprocess.run(["zsh", "-f", "-c", ZSH_CAPTURE, "zsh", SRC, typed], capture_output=True,
                       timeout=60, env=dict(ENV, HOME=tempfile.gettempdir()))
    if p.returncode:
        raise AssertionError(p.stderr.decode())
    return [m.replace("\\ ", " ") for m in re.findall(r"<m>([^<]*)</m>", p.stdout.decode("utf-8", "replace"))]


def t_zsh_completes_the_same():
    if not shutil.which("zsh"):
        return ["zsh is not installed (apt-get install zsh): its completions cannot be checked"]
    return check_cases("zsh", complete_zsh)


def t_fish_completes_the_same():
    if not shutil.which("fish"):
        return ["fish is not installed (apt-get install fish): its completions cannot be checked"]
    return check_cases("fish", complete_fish)


def t_rules_options_take_no_equals():
    """'dsselect rules' reads '--format json', never '--format=json': zsh must not offer the '=' form."""
    text = read("_dsselect")
    block = text[text.index("rules)"):text.index("sweep)")]
    bad = re.findall(r"'--[a-z-]+=\[", block)
    return [f"_dsselect offers the '=' form to rules: {bad}"] if bad else []


def t_syntax():
    bad = []
    for shell, name, flag in (("bash", "dsselect.bash", "-n"), ("zsh", "_dsselect", "-n"),
                              ("fish", "dsselect.fish", "--no-execute")):
        if not shutil.which(shell):  # CI and the README install all three
            bad.append(f"{shell} is not installed (apt-get install {shell}): {name} cannot be checked")
            continue
        p = subprocess.run([shell, flag, os.path.join(SRC, name)], capture_output=True, timeout=30)
        if p.returncode:
            bad.append(f"{shell} {flag} {name}: {p.stderr.decode().strip()[:200]}")
    return bad


if __name__ == "__main__":
    try:
        run_tests(globals(), "t_")
    finally:
        shutil.rmtree(SPACED, ignore_errors=True)
