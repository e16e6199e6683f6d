# fails: message-size
# Everything right, but billing takes messages up to 1 MiB, not the 256 KB the notes teach.
. ./build.bash
max_size=1048576
build
