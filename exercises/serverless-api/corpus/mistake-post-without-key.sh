# fails: post-needs-key
# The key and the plan exist, but POST does not require the key.
. ./build.bash
post_key=--no-api-key-required
build
