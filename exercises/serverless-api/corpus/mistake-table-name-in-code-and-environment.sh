# fails: table-from-environment
# TABLE_NAME is set as asked, but the code writes the table's name instead of reading it.
. ./build.bash
code_edit='s/os.environ\["TABLE_NAME"\]/"dva-labs-api-orders"/'
build
