#!/bin/sh
# AfterInstall: the files are in place; stamp which deployment put them there.
set -eu
ROOT="${DVA_LABS_SCRATCH_ROOT:-}"
DOCROOT="$ROOT/var/www/html"
if [ ! -f "$DOCROOT/index.html" ]; then
  echo "index.html is missing from $DOCROOT: check the files section of appspec.yml" >&2
  exit 1
fi
printf 'deployment_id=%s\ndeployment_group=%s\n' "${DEPLOYMENT_ID:-unknown}" "${DEPLOYMENT_GROUP_NAME:-unknown}" \
  > "$DOCROOT/deployment.txt"
chmod 644 "$DOCROOT/index.html" "$DOCROOT/deployment.txt"
echo "stamped $DOCROOT/deployment.txt for ${DEPLOYMENT_ID:-unknown}"
