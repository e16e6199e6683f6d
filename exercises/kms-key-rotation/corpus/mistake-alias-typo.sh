# fails: alias, rotation, key-policy, encrypt-decrypt, envelope, re-encrypt
# Everything right, but the alias is alias/dva-labs-application, so nothing finds the key by alias/dva-labs-app.
. ./build.bash
alias_name=alias/dva-labs-application
roles
key
key_policy
