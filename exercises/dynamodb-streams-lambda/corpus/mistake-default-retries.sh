# fails: on-failure
# Everything right, but the mapping keeps the default retries (until the record expires) and does not bisect.
. ./build.bash
retry_args=()
build
