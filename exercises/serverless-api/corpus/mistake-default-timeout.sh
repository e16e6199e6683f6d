# fails: function-settings
# Timeout and memory left at Lambda's defaults, 3 s and 128 MB.
. ./build.bash
timeout=3
memory=128
build
