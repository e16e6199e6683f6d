# fails: filter-policy
# Everything right, but shipping subscribed raw without the filter policy, so it gets every event.
. ./build.bash
shipping_attributes='{"RawMessageDelivery":"true"}'
build
