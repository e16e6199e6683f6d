# fails: key-policy
# The two roles separated, but the account statement dropped (AWS refuses that without BypassPolicyLockoutSafetyCheck).
. ./build.bash
statements=(admin_statement user_statement)
put_policy_args=(--bypass-policy-lockout-safety-check)
roles
key
key_policy
