# fails: table-from-environment
# The table's name written into the code, and no environment variable.
. ./build.bash
environment=''
code_edit='s/os.environ\["TABLE_NAME"\]/"dva-labs-api-orders"/'
build
