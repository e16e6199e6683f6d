# fails: unknown-order-404
# An unknown id answers 200 with an empty object.
. ./build.bash
code_edit='s/answer(404, {"message": "no such order"})/answer(200, {})/'
build
