#!/bin/sh
# BeforeInstall: make sure a web server is present before the page is copied in.
# DVA_LABS_SCRATCH_ROOT is set only by `labs appspec rehearse`; there nothing is installed.
set -eu
ROOT="${DVA_LABS_SCRATCH_ROOT:-}"
if [ -n "$ROOT" ]; then
  echo "rehearsal: skipping 'yum install -y httpd'; preparing $ROOT/var/www/html"
else
  yum install -y httpd
fi
mkdir -p "$ROOT/var/www/html"
