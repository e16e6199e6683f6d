# fails: timeout
# Everything right, but the function keeps the starter's 30-second timeout.
. ./build.bash
timeout_args=()
build
