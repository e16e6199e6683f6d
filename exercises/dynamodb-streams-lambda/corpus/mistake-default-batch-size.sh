# fails: mapping
# Everything right, but the mapping takes Lambda's default batch size.
. ./build.bash
batch_args=()
build
