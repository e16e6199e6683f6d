# fails: feedback-notifications
# Only the identity's Bounce notifications go to the topic; complaints are not notified.
. ./build.bash
notification_types=(Bounce)
build
