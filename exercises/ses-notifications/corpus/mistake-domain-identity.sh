# fails: identity-verified, unverified-sender-rejected
# The domain example.com made an identity instead of the address: any address there may send, and the
# address itself is no identity.
. ./build.bash
identity_step() { aws ses verify-domain-identity --domain example.com > /dev/null; }
identity=example.com
build
