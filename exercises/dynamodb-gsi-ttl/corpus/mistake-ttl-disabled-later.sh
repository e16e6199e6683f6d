# fails: ttl-enabled
# The exercise done right, then TTL switched off again on expiresAt.
aws dynamodb create-table --table-name dva-labs-orders --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=customerId,AttributeType=S AttributeName=orderDate,AttributeType=S \
                          AttributeName=status,AttributeType=S AttributeName=total,AttributeType=N \
  --key-schema AttributeName=customerId,KeyType=HASH AttributeName=orderDate,KeyType=RANGE \
  --global-secondary-indexes '[{"IndexName":"byStatus","KeySchema":[{"AttributeName":"status","KeyType":"HASH"},{"AttributeName":"orderDate","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]' \
  --local-secondary-indexes '[{"IndexName":"byTotal","KeySchema":[{"AttributeName":"customerId","KeyType":"HASH"},{"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]' \
  --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES > /dev/null
aws dynamodb wait table-exists --table-name dva-labs-orders
aws dynamodb update-time-to-live --table-name dva-labs-orders \
  --time-to-live-specification Enabled=true,AttributeName=expiresAt > /dev/null
aws dynamodb update-time-to-live --table-name dva-labs-orders \
  --time-to-live-specification Enabled=false,AttributeName=expiresAt > /dev/null
