# fails: visibility-timeout, invisible-while-processing
# Everything right, but billing keeps the default 30 s visibility timeout, longer than the verifier waits out.
. ./build.bash
visibility=30
build
