# fails: scan-refused, no-table-wide-actions
# dynamodb:* on the table under the same condition: every action that names no key (Scan, DeleteTable,
# UpdateTable, ...) meets ForAllValues.
. ./build.bash
actions='"dynamodb:*"'
build
