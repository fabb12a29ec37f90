#!/usr/bin/env python3
"""Tests of dsselect sweep --format svg: the decision map as a picture (issue 17).

usage: python3 tests/cli/test_svg.py PATH/TO/dsselect SOURCE_DIR
The SVG must parse as XML; rendered to PNG by rsvg-convert (Debian: librsvg2-bin; its absence
is a failure, never a skip), the pixels of known cells must have their outcome's color, the
same colors as the terminal grid's ANSI codes. README's picture (docs/sweep-example.svg) must be
what its documented command writes. Prints each failure and 'N passed, M failed'; exits 1 on any.
"""
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
import zlib
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from runner import run_tests  # noqa: E402

BIN, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
ENV = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES", "NO_COLOR", "TERM")}
CJK_TABLE = os.path.join(ROOT, "tests", "data", "rules", "custom-cjk.yaml")
NS = "{http://www.w3.org/2000/svg}"
# The colors the picture must use, written here independently of the C source: the RGB that
# stands for each ANSI color of the terminal grid, and the lighter tint of a default.
ANSI_RGB = {"32": (0x2f, 0x9e, 0x44), "34": (0x1f, 0x6f, 0xd1), "35": (0xb0, 0x40, 0xb0),
            "36": (0x15, 0x97, 0xb5), "33": (0xd9, 0xa4, 0x00), "31": (0xd3, 0x3a, 0x2c), "2": (0xc8, 0xc8, 0xc8)}
TINT = {"32": (0xac, 0xd8, 0xb4), "34": (0xa5, 0xc5, 0xed)}
LINE = (0x11, 0x11, 0x11)
V1, V2, RED, GRAY = ANSI_RGB["32"], ANSI_RGB["34"], ANSI_RGB["31"], ANSI_RGB["2"]
EXAMPLE = ["--vary", "task", "--vary", "platform"]  # V1, V2, V1! and V1* all in one map


def run(args, stdin=None):
    p = subprocess.run([BIN] + args, capture_output=True, env=ENV, timeout=60, input=stdin)
    return p.returncode, p.stdout, p.stderr.decode()


def svg(args, stdin=None):
    """Runs a sweep with --format svg: (exit status, the document's bytes, stderr)."""
    return run(["sweep"] + args + ["--format", "svg"], stdin)


class NoRenderer(Exception):
    pass


def png_pixels(data):
    """A PNG (8-bit RGB or RGBA, not interlaced, as rsvg-convert writes) as (width, rows of RGB tuples)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, f"PNG kind {depth} {ctype} {interlace}"
            bpp = 4 if ctype == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, rows


def render(doc):
    """The SVG rendered by rsvg-convert: rows of RGB pixels. Raises NoRenderer when it is not installed."""
    if shutil.which("rsvg-convert") is None:
        raise NoRenderer("rsvg-convert not found: install librsvg2-bin (apt-get install librsvg2-bin); "
                         "these tests never skip")
    with tempfile.TemporaryDirectory() as tmp:
        src, dst = os.path.join(tmp, "map.svg"), os.path.join(tmp, "map.png")
        with open(src, "wb") as f:
            f.write(doc)
        p = subprocess.run(["rsvg-convert", "-o", dst, src], capture_output=True, timeout=60)
        if p.returncode != 0:
            raise AssertionError(f"rsvg-convert failed: {p.stderr.decode()!r}")
        with open(dst, "rb") as f:
            return png_pixels(f.read())[1]


def cells(root):
    """{(row, col): (model, status, rect attributes)} of the map's cells."""
    out = {}
    for g in root.iter(NS + "g"):
        if g.get("class") == "cell":
            rect = g.find(NS + "rect")
            out[(int(g.get("data-row")), int(g.get("data-col")))] = (g.get("data-model"), g.get("data-status"),
                                                                      {k: int(v) for k, v in rect.attrib.items()
                                                                       if k in ("x", "y", "width", "height")})
    return out


def inside(rect):
    """A pixel well inside a cell: clear of its edges, its boundary lines and its centred words."""
    return rect["x"] + 4, rect["y"] + 4


def near(got, want, tol=2):
    return all(abs(a - b) <= tol for a, b in zip(got, want))


def texts(root):
    return ["".join(t.itertext()) for t in root.iter(NS + "text")]


def grid_colors(args):
    """The terminal grid with --color always: {(row, col): ANSI code} of each cell."""
    rc, out, err = run(["sweep"] + args + ["--color", "always"])
    lines = out.decode().split("\n\n")[0].splitlines()[2:]
    return {(i, j): code for i, line in enumerate(lines)
            for j, code in enumerate(re.findall(r"\033\[(\d+)m", line.replace("\033[0m", "")))}


def t_svg_parses_and_each_cell_has_its_outcomes_color():
    """Pixels at known cells: V1 green, V2 blue, a conflict red, a default the lighter tint of its model's green;
    each the RGB of the ANSI color the terminal grid gives the same cell."""
    bad = []
    rc, doc, err = svg(EXAMPLE)
    if rc != 0 or err:
        return [f"exit {rc}, {err!r}"]
    root = ET.fromstring(doc)
    cs = cells(root)
    px = render(doc)
    want = {(0, 0): ("V1", "recommended", V1), (1, 0): ("V2", "recommended", V2),
            (1, 2): ("V1", "conflict", RED), (3, 0): ("V1", "default", TINT["32"])}
    for at, (model, status, rgb) in want.items():
        m, s, rect = cs[at]
        x, y = inside(rect)
        if (m, s) != (model, status) or not near(px[y][x], rgb):
            bad.append(f"cell {at}: {m} {s}, pixel {px[y][x]} at {x},{y}; want {model} {status} {rgb}")
    grid = grid_colors(EXAMPLE)
    if len(grid) != len(cs):
        bad.append(f"the terminal grid has {len(grid)} colored cells, the picture {len(cs)}")
    for at, code in grid.items():
        m, s, rect = cs[at]
        x, y = inside(rect)
        rgb = TINT[code] if s == "default" else ANSI_RGB[code]
        if not near(px[y][x], rgb):
            bad.append(f"cell {at} ({m} {s}): the grid's color {code} is {rgb}, the picture's {px[y][x]}")
    return bad


def segments(root):
    """The boundary path's segments as ((x1, y1), (x2, y2)): 'Mx yvN' and 'Mx yhN' moves."""
    out = set()
    for p in root.iter(NS + "path"):
        if p.get("class") != "boundary":
            continue
        for x, y, d, n in re.findall(r"M(\d+) (\d+)([vh])(\d+)", p.get("d")):
            x, y, n = int(x), int(y), int(n)
            out.add(((x, y), (x, y + n) if d == "v" else (x + n, y)))
    return out


def expected_segments(cs):
    """A segment on every edge between two neighbouring cells whose model or status differs, no other."""
    out = set()
    for (i, j), (m, s, r) in cs.items():
        if (i, j + 1) in cs and cs[(i, j + 1)][:2] != (m, s):
            x = r["x"] + r["width"]
            out.add(((x, r["y"]), (x, r["y"] + r["height"])))
        if (i + 1, j) in cs and cs[(i + 1, j)][:2] != (m, s):
            y = r["y"] + r["height"]
            out.add(((r["x"], y), (r["x"] + r["width"], y)))
    return out


def t_boundaries_are_lines_where_the_decision_changes():
    """A line on each edge between cells whose outcome differs, and only there; rendered dark on the edge."""
    bad = []
    for args in (EXAMPLE, ["--vary", "gpu_mem=8:40:8", "--vary", "concurrency=150:250:50", "--input-tokens", "800"],
                 ["--vary", "gpu_mem=0:40:8", "--gpus", "2"]):
        rc, doc, err = svg(args)
        root = ET.fromstring(doc)
        cs, got = cells(root), segments(root)
        want = expected_segments(cs)
        if not want or got != want:
            bad.append(f"{args}: boundary segments missing {sorted(want - got)}, extra {sorted(got - want)}")
    rc, doc, err = svg(EXAMPLE)
    root = ET.fromstring(doc)
    cs, px = cells(root), render(doc)
    # intent-classification: V1 V1 V1 (no line), general: V1* | V1 (a line), kubernetes V2 | edge V1! (a line)
    for a, b, line in (((0, 0), (0, 1), False), ((3, 0), (3, 1), True), ((1, 1), (1, 2), True)):
        r = cs[a][2]
        x, y = r["x"] + r["width"] - 1, r["y"] + 4
        dark = near(px[y][x], LINE, 24)
        if dark != line:
            bad.append(f"edge {a}|{b}: pixel {px[y][x]} at {x},{y}, {'a' if line else 'no'} line expected")
    return bad


def t_hostile_values_stay_valid_xml():
    """A spec id and a gpu_model with markup, quotes, ']]>', control characters: escaped, the document valid."""
    bad = []
    spec = b'{"id": "x<&\\"y]]>\\u0001\'z", "gpu_model": "a<b&c\\"d\\u0007</svg><!--", "data": ["code"]}'
    rc, doc, err = svg(["--spec", "-", "--vary", "gpu_mem=8:16:8", "--vary", "concurrency=150:250:100"], spec)
    try:
        root = ET.fromstring(doc)
    except ET.ParseError as e:
        return [f"not XML ({e}): {doc[:400]!r}"]
    words = texts(root)
    title = root.find(NS + "title").text
    if rc != 0 or "x<&\"y]]>\ufffd'z" not in title or not any("a<b&c\"d\ufffd</svg><!--" in w for w in words):
        bad.append(f"exit {rc}: title {title!r}, texts {words[:3]!r}")
    if re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]", doc):
        bad.append("a control character in the document")
    render(doc)
    # a table whose model ids and values are CJK, in both languages
    for lang in ("en", "zh"):
        rc, doc, err = svg(["--rules", CJK_TABLE, "--vary", "deploy", "--vary", "size", "--lang", lang])
        try:
            root = ET.fromstring(doc)
        except ET.ParseError as e:
            bad.append(f"CJK table --lang {lang}: not XML ({e})")
            continue
        if rc != 0 or not any("深度求索V1" in w for w in texts(root)):
            bad.append(f"CJK table --lang {lang}: exit {rc} {err!r}")
    return bad


def t_a_band_for_one_fact():
    """One --vary: one row of cells, the values and the axis's caption below it, a '-' cell gray."""
    bad = []
    rc, doc, err = svg(["--vary", "gpu_mem=0:40:8", "--gpus", "2"])
    root = ET.fromstring(doc)
    cs = cells(root)
    px = render(doc)
    if rc != 0 or sorted(cs) != [(0, j) for j in range(7)]:
        return [f"exit {rc}, cells {sorted(cs)}"]
    bottom = max(r["y"] + r["height"] for _, _, r in cs.values())
    labels = [(t.get("y"), "".join(t.itertext())) for t in root.iter(NS + "text")
              if "".join(t.itertext()) in ("0", "8", "12", "40")]
    if len(labels) != 4 or any(int(y) <= bottom for y, _ in labels):
        bad.append(f"values {labels} not below the band (bottom {bottom})")
    if not any(w.startswith("gpu_mem (GB): memory per GPU") for w in texts(root)):
        bad.append(f"no caption for the axis: {texts(root)}")
    for at, (model, status, rgb) in {(0, 0): ("-", "error", GRAY), (0, 1): ("V1", "recommended", V1)}.items():
        m, s, r = cs[at]
        x, y = inside(r)
        if (m, s) != (model, status) or not near(px[y][x], rgb):
            bad.append(f"band cell {at}: {m} {s} {px[y][x]}, want {model} {status} {rgb}")
    return bad


def t_title_axes_and_legend_in_the_language():
    bad = []
    args = ["--vary", "gpu_mem=8:40:8", "--vary", "concurrency=150:250:50", "--input-tokens", "800", "--no-nccl"]
    for lang, want in (("en", ["Decision map: gpu_mem × concurrency", "fixed facts: nccl false, input_tokens 800",
                               "↓ gpu_mem (GB): memory per GPU in GB; 0 means CPU only",
                               "concurrency (N): concurrent connections →", "V1: recommended",
                               "V2*: the table's default (nothing told them apart)",
                               "model!: conflict, the fallback shown", "a line: where the decision changes"]),
                       ("zh", ["决策图：gpu_mem × concurrency", "固定事实：nccl false、input_tokens 800",
                               "↓ gpu_mem（GB）：每块 GPU 的显存（GB）；0 表示纯 CPU",
                               "concurrency（N）：并发连接数 →", "V1：推荐", "后缀 !：冲突，显示的是备选模型"])):
        rc, doc, err = svg(args + ["--lang", lang])
        words = texts(ET.fromstring(doc))
        for w in want:
            if w not in words:
                bad.append(f"--lang {lang}: no text {w!r} among {words[:8]} ...")
    rc, doc, err = svg(["--vary", "task"])
    words = texts(ET.fromstring(doc))
    if "fixed facts: none (every other fact unknown)" not in words or "Decision map: task" not in words:
        bad.append(f"no fixed facts: {words[:3]}")
    # the legend lists every model, recommended and by default, and a conflict; '-' only when there is one
    statuses = [g.get("data-status") for g in ET.fromstring(doc).iter(NS + "g") if g.get("class") == "key"]
    if statuses != ["recommended", "default", "recommended", "default", "conflict", "boundary"]:
        bad.append(f"legend {statuses}")
    return bad


def t_format_svg_is_listed_and_color_does_not_apply():
    bad = []
    rc, doc, err = svg(EXAMPLE + ["--color", "always"])
    if rc != 0 or b"\033" in doc:
        bad.append(f"--color always: exit {rc}, an escape in the SVG")
    for args, word in ((["sweep", "--help"], "--format text|csv|json|ndjson|svg"),
                       (["sweep", "--help", "--lang", "zh"], "--format text|csv|json|ndjson|svg"),
                       (["--help"], "[--format text|csv|json|ndjson|svg]"),
                       (["--help", "--lang", "zh"], "[--format text|csv|json|ndjson|svg]")):
        rc, out, err = run(args)
        if word not in out.decode():
            bad.append(f"{args}: no {word!r}")
    rc, out, err = run(["sweep", "--vary", "gpu_mem=8:16:8", "--format", "png"])
    if rc != 64 or "ndjson or svg" not in err:
        bad.append(f"--format png: exit {rc}, {err!r}")
    return bad


def documented_command():
    """The command README gives for its picture: the line that writes docs/sweep-example.svg."""
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    m = re.search(r"^\$? ?dsselect (sweep .*--format svg) > docs/sweep-example\.svg$", readme, re.M)
    return readme, m.group(1).split() if m else None


def t_readme_picture_is_what_its_command_writes():
    """docs/sweep-example.svg, shown in README, is byte for byte what README's command writes now."""
    readme, cmd = documented_command()
    if cmd is None:
        return ["README gives no 'dsselect sweep ... --format svg > docs/sweep-example.svg' line"]
    bad = []
    if "](docs/sweep-example.svg)" not in readme:
        bad.append("README does not show docs/sweep-example.svg")
    rc, out, err = run(cmd)
    with open(os.path.join(ROOT, "docs", "sweep-example.svg"), "rb") as f:
        committed = f.read()
    if rc != 0 or out != committed:
        bad.append(f"docs/sweep-example.svg differs from what 'dsselect {' '.join(cmd)}' writes now: regenerate it "
                   f"with that command (from the top of the source tree, the built dsselect first in PATH)")
    rc2, again, err = run(cmd)
    if again != out:
        bad.append("two runs of the same sweep give different SVG bytes")
    return bad


def t_renderer_is_installed_and_in_the_install_lines():
    """rsvg-convert is required: without it the pixel tests cannot run, and that is a failure. README's
    install command and CI's (.ci/run) both install it."""
    bad = []
    try:
        render(svg(["--vary", "gpu_mem=8:16:8"])[1])
    except NoRenderer as e:
        bad.append(str(e))
    for name in ("README.md", os.path.join(".ci", "run")):
        with open(os.path.join(ROOT, name), encoding="utf-8") as f:
            text = f.read().replace("\\\n", " ")
        if not re.search(r"apt-get install [^\n]*\blibrsvg2-bin\b", text):
            bad.append(f"{name}: its apt-get install line does not install librsvg2-bin")
    return bad


if __name__ == "__main__":
    run_tests(globals(), "t_")
