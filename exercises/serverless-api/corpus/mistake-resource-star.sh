# fails: role-only-that-table
# The two actions, but on every table: "Resource": "*".
. ./build.bash
table_resource='*'
build
