"""Display widths for the CLI tests of aligned text tables, from Python's unicodedata (Unicode's East
Asian Width), independent of the C code's utf8proc: a wide or fullwidth character is two columns, a
combining mark none, anything else one."""
import re
import unicodedata


def width(text):
    """Terminal columns: wide and fullwidth characters two, combining marks none, others one."""
    return sum(0 if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me")
               else 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fields(line):
    """Each run of non-spaces of a line, as (text, first column, column after it), by display width."""
    return [(m.group(), width(line[:m.start()]), width(line[:m.end()])) for m in re.finditer(r"\S+", line)]


def table_misaligned(lines, right, name, rest=False):
    """Problems of a table whose column c is right-aligned when right[c] (else left-aligned): every line
    must have one field per column (with rest, the last column is free text: one field or more), and a
    column's fields must end (right) or start (left) at one display column."""
    bad = []
    rows = [fields(ln) for ln in lines]
    for r, ln in zip(rows, lines):
        if len(r) != len(right) and not (rest and len(r) > len(right)):
            bad.append(f"{name}: {len(r)} fields, want {len(right)}: {ln!r}")
    if bad:
        return bad
    for c, rt in enumerate(right):
        edges = {r[c][2] if rt else r[c][1] for r in rows}
        if len(edges) != 1:
            bad.append(f"{name}: column {c + 1} ({'right' if rt else 'left'}-aligned) "
                       f"{'ends' if rt else 'starts'} at display columns {sorted(edges)}:\n" + "\n".join(lines))
    return bad
