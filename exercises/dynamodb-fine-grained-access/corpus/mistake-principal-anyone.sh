# fails: trust-only-your-account
# "Principal": {"AWS": "*"}: any AWS account may assume the role.
. ./build.bash
trust_principal='{"AWS": "*"}'
build
