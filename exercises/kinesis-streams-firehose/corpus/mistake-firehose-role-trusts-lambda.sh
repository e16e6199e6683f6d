# fails: firehose-role
# Everything right, but the delivery stream's role trusts Lambda, as the function's role does, not Firehose:
# ministack delivers all the same (it enforces no IAM); on AWS Firehose could not assume the role.
. ./build.bash
firehose_trust=lambda.amazonaws.com
build
