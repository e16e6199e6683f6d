# The exercise done with the AWS CLI, as instructions.md asks: the click stream with 2 provisioned shards
# keeping records 48 hours; the transform function; the delivery stream reading the stream and delivering
# into the bucket under clicks/, buffering 1 MB / 60 s, through the function.
. ./build.bash
build
