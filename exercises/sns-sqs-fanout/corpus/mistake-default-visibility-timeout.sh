# fails: visibility-timeout
# Everything right, but billing keeps the default 30 s visibility timeout; a message is still hidden while
# processed and back once its visibility ends, so only the timeout itself is wrong.
. ./build.bash
visibility=30
build
