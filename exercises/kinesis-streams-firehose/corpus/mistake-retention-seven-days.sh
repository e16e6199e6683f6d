# fails: retention
# Everything right, but the retention is the notes' 7 days (168 hours), not the 48 hours asked for.
. ./build.bash
retention=168
build
