# fails: feedback-notifications
# The notifications go to the topic, but the queue is never subscribed to it.
. ./build.bash
subscribe=no
build
