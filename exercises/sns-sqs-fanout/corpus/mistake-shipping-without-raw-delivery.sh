# fails: raw-delivery
# Everything right, but shipping subscribed with its filter and without RawMessageDelivery, so it gets the envelope.
. ./build.bash
shipping_attributes='{"FilterPolicy":"{\"status\":[\"SHIPPED\"]}"}'
build
