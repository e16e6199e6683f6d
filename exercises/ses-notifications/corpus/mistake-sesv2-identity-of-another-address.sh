# fails: identity-verified, send-from-identity, message-read-back, feedback-notifications
# The identity made with aws sesv2 create-email-identity, but of another address than the sender the
# instructions name: neither SES v1 nor SESv2 knows the sender, so SES refuses its sends.
. ./build.bash
identity=dva-labs-someone@example.com
identity_step() { sesv2_identity_step; }
build
