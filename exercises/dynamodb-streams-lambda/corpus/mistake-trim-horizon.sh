# fails: mapping
# Everything right, but the mapping starts at the oldest record the stream keeps (24 hours back).
. ./build.bash
starting_position=TRIM_HORIZON
build
