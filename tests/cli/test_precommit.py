#!/usr/bin/env python3
"""Issue 17: dsselect as a pre-commit hook (.pre-commit-hooks.yaml, hook dsselect-specs), run by Debian's
pre-commit through `git commit` in scratch repositories: a good spec commits; a conflict, a bad spec and
a missed --expect are stopped with dsselect's own messages, every failing file named; only the files
under the hook's path are checked, and a user's `files:` moves it. Also: the hook's list of options that
take a value matches `dsselect --help`, the docs show the set-up, and .ci/run installs what the README's
command installs. Without pre-commit (or git) every test that needs it fails, saying what to install.

Usage: test_precommit.py DSSELECT SOURCE_DIR"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

from runner import run_tests

DS = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(sys.argv[2])
HOOKS = os.path.join(SRC, ".pre-commit-hooks.yaml")

GOOD_YAML = "gpus: 4\ngpu_mem: 80\nnccl: true\ntask: contract-extraction\n"       # V2, recommended
GOOD_JSON = '{"gpus": 4, "gpu_model": "a10g", "nccl": true, "task": "contract-extraction"}\n'
CONFLICT = "gpu_mem: 12\ntask: contract-extraction\n"                             # 1.1 beats 2.2
V1_SPEC = '{"gpu_mem": 16, "task": "intent-classification"}\n'                    # V1, recommended
BAD_JSON = '{"gpu_mem": 16,\n "task": }\n'                                        # 2:10
BAD_YAML = "gpus: 4\ngpu_mme: 80\n"                                               # unknown key, 2:1
CLUSTER = "gpus: 4\ngpu_mem: 80\ntask: general\n"                                 # V1; V2 with --nccl
CONFLICT_TEXT = "Conflict: no model satisfies every hard rule."
MISSING = None
for tool in ("pre-commit", "git"):
    if shutil.which(tool) is None:
        MISSING = f"{tool} is not installed: apt-get install pre-commit git (the hook cannot be tested without it)"
        break


class World:
    """A temporary HOME, PRE_COMMIT_HOME, a PATH whose first `dsselect` is the one under test, and a git
    repository holding this checkout's .pre-commit-hooks.yaml (its commit is the `rev`)."""

    def __init__(self):
        self.tmp = tempfile.mkdtemp(prefix="dsselect-precommit-")
        self.bin = os.path.join(self.tmp, "bin")
        os.makedirs(self.bin)
        os.symlink(DS, os.path.join(self.bin, "dsselect"))  # DS may be the valgrind wrapper: named dsselect
        os.makedirs(os.path.join(self.tmp, "home"))
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
        env.update(HOME=os.path.join(self.tmp, "home"), XDG_CONFIG_HOME=os.path.join(self.tmp, "home"),
                   XDG_CACHE_HOME=os.path.join(self.tmp, "cache"), PRE_COMMIT_HOME=os.path.join(self.tmp, "pch"),
                   PRE_COMMIT_COLOR="never", GIT_CONFIG_NOSYSTEM="1", LC_ALL="C.UTF-8", LANG="C.UTF-8")
        env.pop("NO_COLOR", None)
        self.env_off_path = dict(env)   # dsselect not on PATH (unless installed system-wide)
        env["PATH"] = self.bin + os.pathsep + env.get("PATH", "/usr/bin:/bin")
        self.env = env
        self.hooks = os.path.join(self.tmp, "hooks")
        os.makedirs(self.hooks)
        shutil.copy(HOOKS, self.hooks)
        self.git(self.hooks, "init", "-q")
        self.git(self.hooks, "add", ".pre-commit-hooks.yaml")
        self.git(self.hooks, "commit", "-q", "-m", "hooks")
        self.rev = self.git(self.hooks, "rev-parse", "HEAD").strip()
        self.n = 0

    def git(self, cwd, *args, env=None):
        p = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.com",
                            "-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main", *args],
                           cwd=cwd, env=env or self.env, capture_output=True, timeout=120)
        if p.returncode != 0:
            raise RuntimeError(f"git {' '.join(args)}: {p.stderr.decode(errors='replace')}")
        return p.stdout.decode(errors="replace")

    def repo(self, hook_extra=""):
        """A scratch repository using the hook (with hook_extra: more keys of the hook, e.g. its args),
        `pre-commit install`ed, with one commit of its config."""
        self.n += 1
        d = os.path.join(self.tmp, f"repo{self.n}")
        os.makedirs(d)
        self.git(d, "init", "-q")
        for key, value in (("user.name", "t"), ("user.email", "t@example.com"), ("commit.gpgsign", "false")):
            self.git(d, "config", key, value)
        with open(os.path.join(d, ".pre-commit-config.yaml"), "w") as f:
            f.write(f"repos:\n-   repo: {self.hooks}\n    rev: {self.rev}\n    hooks:\n"
                    f"    -   id: dsselect-specs\n{hook_extra}")
        p = subprocess.run(["pre-commit", "install"], cwd=d, env=self.env, capture_output=True, timeout=120)
        if p.returncode != 0:
            raise RuntimeError(f"pre-commit install: {p.stdout!r} {p.stderr!r}")
        self.commit(d, {})
        return d

    def commit(self, repo, files, env=None):
        """Writes files ({path: text}), stages everything and runs `git commit` (so the pre-commit hook):
        (git's exit status, its stdout and stderr together, whether a commit was made)."""
        for path, text in files.items():
            full = os.path.join(repo, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w", encoding="utf-8") as f:
                f.write(text)
        self.git(repo, "add", "-A")
        before = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=repo, env=self.env,
                                capture_output=True).stdout
        p = subprocess.run(["git", "commit", "-m", "specs"], cwd=repo, env=env or self.env,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=300)
        after = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=repo, env=self.env,
                               capture_output=True).stdout
        return p.returncode, p.stdout.decode("utf-8", errors="replace"), before != after


WORLD = None


def world():
    global WORLD
    if WORLD is None:
        WORLD = World()
    return WORLD


def stopped(why, what, result, want_code, texts):
    """The commit was refused, the hook exited want_code, and the output holds every one of texts."""
    code, out, made = result
    if code == 0 or made:
        why.append(f"{what}: committed (git exit {code}); output:\n{out}")
        return
    if f"- exit code: {want_code}\n" not in out:
        why.append(f"{what}: hook exit code not {want_code}:\n{out}")
    for t in texts:
        if t not in out:
            why.append(f"{what}: {t!r} not in the output:\n{out}")


def committed(why, what, result):
    code, out, made = result
    if code != 0 or not made:
        why.append(f"{what}: not committed (git exit {code}):\n{out}")


def t_manifest_is_valid():
    if MISSING:
        return [MISSING]
    p = subprocess.run(["pre-commit", "validate-manifest", HOOKS], capture_output=True, timeout=120)
    why = [] if p.returncode == 0 else [f"pre-commit validate-manifest: {p.stdout!r} {p.stderr!r}"]
    text = open(HOOKS, encoding="utf-8").read()
    for want in ("id: dsselect-specs", "language: system", "entry: |\n      sh -c '",
                 r"files: ^workloads/.*\.(json|ya?ml)$"):
        if want not in text:
            why.append(f".pre-commit-hooks.yaml lacks {want!r}")
    return why


def t_good_specs_commit():
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo()
    committed(why, "good JSON, YAML and .yml specs", w.commit(r, {
        "workloads/contracts.yaml": GOOD_YAML, "workloads/cluster.json": GOOD_JSON,
        "workloads/team-a/intent.yml": V1_SPEC}))
    # a good change to a spec commits too
    committed(why, "a spec changed", w.commit(r, {"workloads/contracts.yaml": GOOD_YAML + "p99_ms: 500\n"}))
    return why


def t_conflict_is_stopped():
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo()
    res = w.commit(r, {"workloads/contracts.yaml": CONFLICT})
    stopped(why, "a conflict", res, 1, ["==> workloads/contracts.yaml <==\n" + CONFLICT_TEXT,
                                         "2.2 (quality: require V2) is overridden by 1.1"])
    return why


def t_bad_spec_is_stopped_with_its_position():
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo()
    stopped(why, "a JSON syntax error", w.commit(r, {"workloads/bad.json": BAD_JSON}), 65,
            ["==> workloads/bad.json <==\nworkloads/bad.json:2:10: JSON syntax error: expected a value"])
    r = w.repo()
    stopped(why, "an unknown key", w.commit(r, {"workloads/typo.yaml": BAD_YAML}), 65,
            ["workloads/typo.yaml:2:1: unknown key 'gpu_mme' (did you mean 'gpu_mem'?)"])
    return why


def t_every_failing_spec_is_reported():
    """All the files of one commit are checked, not up to the first that fails; the hook's status is
    the highest of dsselect's (65 here), and a spec that passes prints nothing."""
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo()
    res = w.commit(r, {"workloads/a-bad.json": BAD_JSON, "workloads/b-conflict.yaml": CONFLICT,
                       "workloads/c-good.yaml": GOOD_YAML, "workloads/d-typo.yaml": BAD_YAML,
                       "workloads/e-conflict.json": '{"gpu_mem": 12, "task": "contract-extraction"}'})
    stopped(why, "five specs", res, 65, [
        "workloads/a-bad.json:2:10: JSON syntax error", "==> workloads/b-conflict.yaml <==\n" + CONFLICT_TEXT,
        "workloads/d-typo.yaml:2:1: unknown key", "==> workloads/e-conflict.json <==\n" + CONFLICT_TEXT])
    out = res[1]
    if "c-good.yaml" in out or "Recommendation: V2" in out:
        why.append(f"a spec that passes is reported:\n{out}")
    heads = re.findall(r"^==> (.*) <==$", out, re.M)
    if heads != ["workloads/a-bad.json", "workloads/b-conflict.yaml", "workloads/d-typo.yaml",
                 "workloads/e-conflict.json"]:
        why.append(f"headings {heads}, want the four failing files in name order")
    return why


def t_expect_from_args():
    """--expect added by the user's args: (two items or one) stops a spec on the other model; the
    options of the hook's args reach dsselect whatever their form, files named like specs included."""
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo("        args: [--expect, V2]\n")
    stopped(why, "--expect V2, a V1 spec", w.commit(r, {"workloads/intent.json": V1_SPEC}), 2,
            ["==> workloads/intent.json <==", "Recommendation: V1",
             "dsselect: expected V2, got V1 (recommended)"])
    r = w.repo("        args: [--expect, V2]\n")
    committed(why, "--expect V2, a V2 spec", w.commit(r, {"workloads/contracts.yaml": GOOD_YAML}))
    r = w.repo("        args: [--expect=V1]\n")
    stopped(why, "--expect=V1, a V2 spec", w.commit(r, {"workloads/contracts.yaml": GOOD_YAML}), 2,
            ["dsselect: expected V1, got V2 (recommended)"])
    # a boolean fact, a rule table (a YAML file of the repository: a value, not a spec), then --expect
    table = open(os.path.join(SRC, "rules", "deepseek-v1-v2.yaml"), encoding="utf-8").read()
    r = w.repo("        args: [--nccl, --rules, workloads/table/rules.yaml, --expect, V2]\n"
               "        exclude: ^workloads/table/\n")
    committed(why, "--nccl --rules FILE --expect V2, a cluster", w.commit(r, {
        "workloads/table/rules.yaml": table, "workloads/cluster.yaml": CLUSTER}))
    r = w.repo("        args: [--rules, workloads/table/rules.yaml, --expect, V2]\n"
               "        exclude: ^workloads/table/\n")
    stopped(why, "--rules FILE --expect V2, a cluster without NCCL", w.commit(r, {
        "workloads/table/rules.yaml": table, "workloads/cluster.yaml": CLUSTER}), 2,
        ["dsselect: expected V2, got V1 (recommended)"])
    return why


def t_usage_error_stops_once():
    """A bad option in args is dsselect's usage error (64), said once, not once per spec."""
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo("        args: [--expect, V3]\n")
    res = w.commit(r, {"workloads/a.yaml": GOOD_YAML, "workloads/b.yaml": GOOD_YAML})
    stopped(why, "--expect V3", res, 64, ["--expect"])
    if res[1].count("==> ") != 1:
        why.append(f"the usage error is repeated:\n{res[1]}")
    return why


def t_only_specs_under_the_path_are_checked():
    """The default path is workloads/ (its subdirectories too), *.json, *.yaml and *.yml: other JSON and
    YAML files of the repository are not specs and never reach dsselect."""
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo()
    committed(why, "JSON and YAML outside workloads/, other files inside", w.commit(r, {
        "package.json": '{"name": "x", "version": "1.0.0"}\n', "deploy/values.yaml": CONFLICT,
        "workloads-old/contracts.yaml": CONFLICT, "workloads/README.md": "gpu_mem: [\n",
        "workloads/contracts.yaml.orig": CONFLICT, "docs/workloads/x.json": BAD_JSON}))
    stopped(why, "a conflict in a subdirectory", w.commit(r, {"workloads/team/deep/c.yml": CONFLICT}), 1,
            ["==> workloads/team/deep/c.yml <==\n" + CONFLICT_TEXT])
    return why


def t_files_moves_the_path():
    """A user's `files:` replaces the default path (docs/ci.md's example)."""
    if MISSING:
        return [MISSING]
    w, why = world(), []
    r = w.repo("        files: ^deploy/specs/.*\\.(json|ya?ml)$\n")
    committed(why, "files: deploy/specs, a conflict in workloads/", w.commit(r, {"workloads/c.yaml": CONFLICT}))
    stopped(why, "files: deploy/specs, a conflict there", w.commit(r, {"deploy/specs/c.yaml": CONFLICT}), 1,
            ["==> deploy/specs/c.yaml <==\n" + CONFLICT_TEXT])
    return why


def t_without_dsselect_on_path_nothing_commits():
    """language: system: without dsselect on PATH the hook fails (sh says so), it never passes."""
    if MISSING:
        return [MISSING]
    w, why = world(), []
    if shutil.which("dsselect", path=w.env_off_path.get("PATH", "")):
        return []  # installed system-wide: this case cannot be made here
    r = w.repo()
    res = w.commit(r, {"workloads/contracts.yaml": GOOD_YAML}, env=w.env_off_path)
    stopped(why, "no dsselect on PATH", res, 127, ["dsselect: not found"])
    return why


def t_value_options_match_help():
    """The hook's list of options that take their value as the next item is exactly the options that
    `dsselect --help` shows with a value (the embedded table's facts included)."""
    text = open(HOOKS, encoding="utf-8").read()
    m = re.search(r"^\s*(--[a-z0-9-]+(?:\|--[a-z0-9-]+)+)\)\s*$", text, re.M)
    if not m:
        return [".pre-commit-hooks.yaml: no case list of the options that take a value"]
    listed = set(m.group(1).split("|"))
    p = subprocess.run([DS, "--help"], capture_output=True, env=dict(os.environ, LC_ALL="C"), timeout=60)
    shown = set(re.findall(r"^  (--[a-z0-9-]+) [A-Z]", p.stdout.decode(), re.M))
    why = []
    if not shown or "--expect" not in shown:
        why.append(f"dsselect --help: no options with values found:\n{p.stdout.decode()}")
    if listed != shown:
        why.append(f"the hook lists {sorted(listed - shown)} that --help does not show with a value, "
                   f"and lacks {sorted(shown - listed)}")
    return why


def apt_packages(text):
    m = re.search(r"apt-get install -y (?:--no-install-recommends)?\s*\\?\n?\s*([a-z0-9. +-]+?)(?:&&|\n|$)",
                  text)
    return set(m.group(1).split()) if m else set()


def t_install_lines_in_step():
    """The README's install command and .ci/run install the same packages (.ci/run adds ca-certificates),
    pre-commit and git among them."""
    readme = open(os.path.join(SRC, "README.md"), encoding="utf-8").read()
    ci = open(os.path.join(SRC, ".ci", "run"), encoding="utf-8").read()
    a, b = apt_packages(readme), apt_packages(ci) - {"ca-certificates"}
    why = []
    if not a or a != b:
        why.append(f"README.md installs {sorted(a - b)} that .ci/run does not, .ci/run {sorted(b - a)}")
    for pkg in ("pre-commit", "git"):
        if pkg not in a or pkg not in b:
            why.append(f"{pkg} is not installed by the README's command and .ci/run")
    return why


def doc_configs():
    """Each ```yaml block of README.md and docs/ci.md that uses the hook, as a whole .pre-commit-config.yaml
    whose repo and rev are the test's: (where, text). A block of the hook's keys alone is put under a
    repos: entry."""
    w = world()
    out = []
    for name in ("README.md", os.path.join("docs", "ci.md")):
        lines = open(os.path.join(SRC, name), encoding="utf-8").read().splitlines()
        i = 0
        while i < len(lines):
            if lines[i].strip() != "```yaml":
                i += 1
                continue
            indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
            start, i = i + 1, i + 1
            while lines[i].strip() != "```":
                i += 1
            block = [ln[len(indent):] for ln in lines[start:i]]
            text = "\n".join(block) + "\n"
            if "dsselect-specs" not in text:
                continue
            if not text.startswith("repos:"):
                text = "repos:\n-   repo: R\n    rev: V\n    hooks:\n" + text
            text = re.sub(r"(?m)^(-   repo: ).*$", r"\g<1>" + w.hooks, text)
            text = re.sub(r"(?m)^(    rev: ).*$", r"\g<1>" + w.rev, text)
            out.append((f"{name}:{start}", text))
    return out


def t_docs_configs_are_valid_and_work():
    """The docs' .pre-commit-config.yaml snippets are valid, and the README's does what it says (its
    --expect V2 and its path deploy/specs/)."""
    if MISSING:
        return [MISSING]
    w, why = world(), []
    configs = doc_configs()
    if len(configs) < 4:
        why.append(f"{len(configs)} yaml blocks with the hook in README.md and docs/ci.md, want 4 or more")
    for where, text in configs:
        path = os.path.join(w.tmp, "config.yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        p = subprocess.run(["pre-commit", "validate-config", path], env=w.env, capture_output=True, timeout=120)
        if p.returncode != 0:
            why.append(f"{where}: pre-commit validate-config: {p.stdout!r} {p.stderr!r}\n{text}")
    readme = [t for where, t in configs if where.startswith("README.md")]
    if len(readme) != 1:
        return why + [f"{len(readme)} configs in README.md, want 1"]
    r = w.repo()
    with open(os.path.join(r, ".pre-commit-config.yaml"), "w", encoding="utf-8") as f:
        f.write(readme[0])
    committed(why, "README's config, a conflict in workloads/", w.commit(r, {"workloads/c.yaml": CONFLICT}))
    stopped(why, "README's config, a V1 spec in deploy/specs/", w.commit(r, {"deploy/specs/v1.json": V1_SPEC}),
            2, ["==> deploy/specs/v1.json <==", "expected V2, got V1"])
    return why


def t_docs_show_the_setup():
    why = []
    readme = open(os.path.join(SRC, "README.md"), encoding="utf-8").read()
    ci = open(os.path.join(SRC, "docs", "ci.md"), encoding="utf-8").read()
    for name, text, wants in (
            ("README.md", readme, ["id: dsselect-specs", ".pre-commit-hooks.yaml", "PATH", "docs/ci.md"]),
            ("docs/ci.md", ci, ["id: dsselect-specs", "rev:", "args: [--expect, V2]", "files:",
                                "language: system", "PATH", "pre-commit install", "==> ", "--expect=",
                                r"^workloads/.*\.(json|ya?ml)$"])):
        for want in wants:
            if want not in text:
                why.append(f"{name} does not say {want!r}")
    return why


if __name__ == "__main__":
    try:
        run_tests(dict(globals()), "t_")
    finally:
        if WORLD is not None:
            shutil.rmtree(WORLD.tmp, ignore_errors=True)
