# fails: trust-session-tag
# The trust policy allows sts:AssumeRole only: AWS refuses an AssumeRole that passes session tags.
. ./build.bash
trust_actions='"sts:AssumeRole"'
build
