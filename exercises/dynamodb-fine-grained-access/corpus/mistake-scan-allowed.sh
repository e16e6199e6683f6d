# fails: scan-refused
# Scan added to the actions: a Scan names no partition key, so ForAllValues on dynamodb:LeadingKeys lets it
# read every user's items.
. ./build.bash
actions='["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
          "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem", "dynamodb:Scan"]'
build
