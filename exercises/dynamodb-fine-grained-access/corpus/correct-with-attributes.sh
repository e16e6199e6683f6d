# As instructed, and further limited as the DynamoDB guide's example is: only some attributes of one's own
# items (dynamodb:Attributes under the same ForAllValues:StringEquals), and a Select, when given, of
# SPECIFIC_ATTRIBUTES only.
. ./build.bash
more_conditions='{"dynamodb:Attributes": ["userId", "itemId", "note", "updatedAt"]}'
other_conditions='{"StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}'
build
