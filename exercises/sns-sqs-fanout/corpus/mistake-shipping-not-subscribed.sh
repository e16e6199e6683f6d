# fails: fanout, filter-policy, raw-delivery
# Everything right, but the shipping queue is never subscribed to the topic.
. ./build.bash
subscribe_shipping=no
build
