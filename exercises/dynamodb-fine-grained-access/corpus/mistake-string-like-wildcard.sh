# fails: others-items-refused, batch-mixing-refused
# StringLike with a wildcard after the id: "ana" reaches "anabel"'s items too.
. ./build.bash
operator='ForAllValues:StringLike'
user_id='${aws:PrincipalTag/userId}*'
build
