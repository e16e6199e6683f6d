# The instructions followed with the AWS CLI: table, role, function, API with its key, plan and throttling.
. ./build.bash
build
