# fails: order-roundtrip
# POST stores the order but answers 200 instead of the 201 (Created) the instructions ask for.
. ./build.bash
code_edit='s/answer(201, order)/answer(200, order)/'
build
