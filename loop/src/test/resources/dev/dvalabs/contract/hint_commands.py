"""
Parses AWS CLI commands with the pinned CLI as far as botocore's parameter validation, and stops each
before anything is sent. Reads one JSON list of argument lists (without "aws") from stdin and prints one
JSON list: null for a command the CLI would send, else the last lines of what it said instead.
"""
import contextlib
import io
import json
import sys

from awscli.clidriver import create_clidriver


class Parsed(Exception):
    """Raised from before-call: the command parsed and its parameters passed botocore's validation."""


def check(argv):
    reached = []

    def reach(**kwargs):
        reached.append(True)
        raise Parsed()

    driver = create_clidriver()
    driver.session.register('before-call', reach)
    said = io.StringIO()
    with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
        try:
            driver.main(argv)
        except SystemExit:
            pass
    if reached:
        return None
    lines = [l for l in said.getvalue().splitlines() if l.strip()]
    # argparse lists the valid choices around its complaint; the complaint is the line worth showing.
    said_why = [l for l in lines if l.startswith(('Invalid choice', 'Unknown options', 'Parameter validation'))
                or ': error: ' in l]
    start = lines.index(said_why[0]) if said_why else max(0, len(lines) - 3)
    return '\n'.join(lines[start:start + 4]) or 'the CLI sent nothing and said nothing'


print(json.dumps([check(argv) for argv in json.load(sys.stdin)]))
