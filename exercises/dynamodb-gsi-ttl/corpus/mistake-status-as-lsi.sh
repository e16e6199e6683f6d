# byStatus made a local index (customerId, status) instead of a global one keyed by status: a
# strongly consistent read on it is accepted, as on any LSI.
# fails: gsi, consistent-read
aws dynamodb create-table --table-name dva-labs-orders --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=customerId,AttributeType=S AttributeName=orderDate,AttributeType=S \
                          AttributeName=status,AttributeType=S AttributeName=total,AttributeType=N \
  --key-schema AttributeName=customerId,KeyType=HASH AttributeName=orderDate,KeyType=RANGE \
  --local-secondary-indexes '[{"IndexName":"byTotal","KeySchema":[{"AttributeName":"customerId","KeyType":"HASH"},{"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},{"IndexName":"byStatus","KeySchema":[{"AttributeName":"customerId","KeyType":"HASH"},{"AttributeName":"status","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]' \
  --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES > /dev/null
aws dynamodb wait table-exists --table-name dva-labs-orders
aws dynamodb update-time-to-live --table-name dva-labs-orders \
  --time-to-live-specification Enabled=true,AttributeName=expiresAt > /dev/null
