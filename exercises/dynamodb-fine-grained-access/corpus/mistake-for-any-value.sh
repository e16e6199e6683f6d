# fails: batch-mixing-refused
# ForAnyValue instead of ForAllValues: one of the keys being the user's is enough, so a batch that names
# the user's key and another's reads both.
. ./build.bash
operator='ForAnyValue:StringEquals'
build
