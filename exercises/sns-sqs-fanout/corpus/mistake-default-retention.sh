# fails: retention-period
# Everything right, but billing keeps the default retention of 4 days.
. ./build.bash
retention=345600
build
