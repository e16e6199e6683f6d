# fails: stage-throttling
# Rate 20 and burst 10, the two numbers the wrong way round.
. ./build.bash
rate=20
burst=10
build
