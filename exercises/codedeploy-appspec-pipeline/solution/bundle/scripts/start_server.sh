#!/bin/sh
# ApplicationStart: (re)start httpd so it serves the new files.
set -eu
ROOT="${DVA_LABS_SCRATCH_ROOT:-}"
if [ -n "$ROOT" ]; then
  echo "rehearsal: skipping 'systemctl restart httpd'; recording that it would start"
  mkdir -p "$ROOT/run"
  echo "httpd started for ${DEPLOYMENT_ID:-unknown}" > "$ROOT/run/httpd.started"
else
  systemctl enable httpd
  systemctl restart httpd
fi
