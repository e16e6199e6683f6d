# fails: identity-verified, send-from-identity, message-read-back, feedback-notifications
# The identity, and its notifications, are of another address than the sender the instructions name.
. ./build.bash
identity=dva-labs-someone@example.com
build
