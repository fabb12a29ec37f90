"""Every JUnit report the tests make is checked against Jenkins' schema (junit-10.xsd of the xunit plugin)
with xmllint --schema (Debian's libxml2-utils). The schema is the copy in ../shared/schemas beside the
source tree, found as the smoke test finds ../shared/checks. Without the schema or xmllint the check
fails, saying what is missing: it never passes unchecked."""
import hashlib
import os
import shutil
import subprocess

TOP = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
XSD = os.path.normpath(os.path.join(TOP, "..", "shared", "schemas", "jenkins-junit-10.xsd"))

_valid = set()  # the digests of the documents found valid already: a report read twice is checked once


def schema_problems(xml, xsd=XSD, xmllint="xmllint"):
    """What Jenkins' schema says against the JUnit document xml (str or bytes): [] when it is valid."""
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    key = hashlib.sha256(data).hexdigest()
    if (xsd, key) in _valid:
        return []
    if shutil.which(xmllint) is None:
        return [f"{xmllint} not found: the JUnit reports are checked against Jenkins' schema with "
                "'xmllint --schema' (apt-get install libxml2-utils)"]
    if not os.path.isfile(xsd):
        return [f"no schema at {xsd}: the JUnit reports are checked against Jenkins' junit-10.xsd, "
                "kept in ../shared/schemas/ beside the source tree"]
    p = subprocess.run([xmllint, "--noout", "--schema", xsd, "-"], input=data, capture_output=True, timeout=120)
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").splitlines()
        return [f"not valid against {os.path.basename(xsd)} (xmllint exit {p.returncode}): " +
                " | ".join(err[:6]) + f"; the document starts {data[:300]!r}"]
    _valid.add((xsd, key))
    return []


def check_junit(xml):
    """Raises AssertionError, saying why, unless xml is valid against Jenkins' schema."""
    why = schema_problems(xml)
    if why:
        raise AssertionError(why[0])


def is_junit(args):
    """Whether a command line (str or bytes words) asks for --format junit."""
    a = [w.decode("utf-8", "replace") if isinstance(w, bytes) else w for w in args]
    return "--format=junit" in a or any(x == "--format" and y == "junit" for x, y in zip(a, a[1:]))


def check_run(args, out):
    """Raises AssertionError when args asked for the default JUnit report and out is not valid against
    Jenkins' schema (--junit-file-attrs is outside it by design); nothing for other formats."""
    if out and is_junit(args) and "--junit-file-attrs" not in args and b"--junit-file-attrs" not in args:
        check_junit(out)
