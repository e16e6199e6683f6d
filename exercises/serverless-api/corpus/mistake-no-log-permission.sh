# fails: role-writes-logs, logs-reach-cloudwatch
# fails.ministack: role-writes-logs
# The role may use the table but not write logs. (ministack writes a function's logs whatever its role says.)
. ./build.bash
logs_policy=''
build
