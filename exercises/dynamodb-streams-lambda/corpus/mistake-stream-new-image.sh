# fails: stream, remove-audited
# Everything right, but the stream carries new images only: a REMOVE comes without the item it removed.
. ./build.bash
view_type=NEW_IMAGE
build
