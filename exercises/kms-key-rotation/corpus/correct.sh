# The exercise done with the AWS CLI, as instructions.md asks: the two roles, a customer managed key with
# automatic rotation and the alias alias/dva-labs-app, and a key policy that keeps the account statement,
# lets dva-labs-key-admin administer the key and dva-labs-key-user use it; then the key used through its alias.
. ./build.bash
build
