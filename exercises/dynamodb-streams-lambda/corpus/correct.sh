# The exercise done with the AWS CLI, as instructions.md asks: the stream of new and old images, a mapping
# from it starting at LATEST in batches of 25 that lets INSERT and REMOVE through, sends what fails after
# 2 retries (bisecting) to the failure queue, and the function's timeout at 5 seconds.
. ./build.bash
build
