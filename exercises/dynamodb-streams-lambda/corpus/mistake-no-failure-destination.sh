# fails: on-failure
# Everything right, but what still fails after the retries goes nowhere.
. ./build.bash
destination=no
build
