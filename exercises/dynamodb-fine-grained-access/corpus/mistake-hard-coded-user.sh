# fails: own-items-allowed, others-items-refused
# The id of the first user written into the policy instead of the variable: ana reaches her items, anabel
# reaches ana's and not her own.
. ./build.bash
user_id='ana'
build
