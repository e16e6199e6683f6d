# fails: rotation
# Everything right but automatic rotation, which stays off.
. ./build.bash
rotate=no
build
