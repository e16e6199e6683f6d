# fails: feedback-notifications
# The queue subscribed to the topic is named dva-labs-ses-feedback-queue: there is no dva-labs-ses-feedback queue.
. ./build.bash
queue_name=dva-labs-ses-feedback-queue
build
