# fails: trust-session-tag
# The trust policy admits one user's tag only (aws:RequestTag/userId = ana): anabel can never get a session.
. ./build.bash
trust_condition='{"StringEquals": {"aws:RequestTag/userId": "ana"}}'
build
