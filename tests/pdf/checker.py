"""checker.py: the command line the PDF checkers share (pdfua.py, pdfa.py): FILE... checks each
file and prints one line per failure; --selftest FILE breaks a good file once per condition."""
import sys


def main(argv, doc, check, selftest):
    """Exit 0 when every file passes, 1 when a condition fails (or a broken copy is not
    caught), 2 for a usage error."""
    if len(argv) == 3 and argv[1] == "--selftest":
        return 1 if selftest(argv[2]) else 0
    if len(argv) < 2:
        print(doc, file=sys.stderr)
        return 2
    fails = []
    for p in argv[1:]:
        fails += check(p)
    for f in fails:
        print(f)
    return 1 if fails else 0


def caught(name, got):
    """One line for a broken copy of the self-test: ok with the failure that caught it, or FAIL.
    Returns 1 when it was not caught."""
    if not got:
        print("selftest FAIL: %s not caught" % name)
        return 1
    print("selftest ok: %s caught: %s" % (name, got[0].split(": ", 1)[1]))
    return 0
