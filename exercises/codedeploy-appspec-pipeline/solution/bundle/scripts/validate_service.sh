#!/bin/sh
# ValidateService: fail the deployment unless the page is actually being served.
set -eu
ROOT="${DVA_LABS_SCRATCH_ROOT:-}"
EXPECTED="Deployed with CodeDeploy"
if [ -n "$ROOT" ]; then
  # No server runs in a rehearsal: check what httpd would serve, and that it was "started".
  test -f "$ROOT/run/httpd.started" || { echo "ApplicationStart did not run" >&2; exit 1; }
  grep -q "$EXPECTED" "$ROOT/var/www/html/index.html" || { echo "index.html lacks '$EXPECTED'" >&2; exit 1; }
else
  curl -fsS --retry 5 --retry-delay 2 --retry-connrefused http://localhost/ | grep -q "$EXPECTED" \
    || { echo "http://localhost/ does not serve '$EXPECTED'" >&2; exit 1; }
fi
echo "validated: the page says '$EXPECTED'"
