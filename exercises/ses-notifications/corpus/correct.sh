# The exercise done with the AWS CLI, as instructions.md asks: the identity of the sender's address, the
# configuration set dva-labs-mail, and the identity's Bounce and Complaint notifications sent to the topic
# dva-labs-ses-feedback, to which the queue of the same name is subscribed and lets the topic send.
. ./build.bash
build
