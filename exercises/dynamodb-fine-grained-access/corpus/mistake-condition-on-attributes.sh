# fails: others-items-refused, batch-mixing-refused
# The user's id compared with dynamodb:Attributes instead of dynamodb:LeadingKeys: a request naming no
# attributes meets ForAllValues, whatever key it names.
. ./build.bash
condition_key='dynamodb:Attributes'
build
