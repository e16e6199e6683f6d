# fails: key-policy
# Everything right but the key policy, left as KMS made it: only the account statement, no role named.
. ./build.bash
roles
key
use_the_key
