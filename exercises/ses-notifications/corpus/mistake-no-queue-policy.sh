# fails: feedback-notifications
# The queue is subscribed to the topic but has no policy letting the topic send: AWS would drop every
# notification (the emulators deliver anyway, so the check reads the policy).
. ./build.bash
queue_policy=no
build
