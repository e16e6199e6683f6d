# fails: stream, insert-audited, remove-audited
# Everything right, but the stream carries the keys only: the function sees no image at all.
. ./build.bash
view_type=KEYS_ONLY
build
