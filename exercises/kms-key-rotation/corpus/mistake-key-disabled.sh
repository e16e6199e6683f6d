# fails: alias, encrypt-decrypt, envelope, re-encrypt
# fails.moto: alias
# (moto's Encrypt ignores the key's state, its recorded disabled-key deviation, so only alias sees it there)
# Everything right, then the key disabled (the reversible step before deletion): it refuses to encrypt.
. ./build.bash
roles
key
key_policy
aws kms disable-key --key-id "$key"
