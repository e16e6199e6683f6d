"""A one-page WSGI app: it shows the environment property and the file that .ebextensions set up."""
import os

WRITTEN = "/etc/dva-labs/ebextensions.txt"


def application(environ, start_response):
    greeting = os.environ.get("GREETING", "(no GREETING property)")
    try:
        with open(WRITTEN, encoding="utf-8") as f:
            written = f.read().strip()
    except OSError:
        written = "(no file written by .ebextensions)"
    body = ("<html><body><h1>dva-labs on Elastic Beanstalk</h1>"
            f"<p>GREETING: {greeting}</p><p>{WRITTEN}: {written}</p></body></html>").encode("utf-8")
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]
