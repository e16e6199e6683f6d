# Everything built, but orderDate defined as a Number: the GSI sorts by it too, and orders dated
# "2026-01-03" cannot be written, so no behaviour that needs an order can be seen.
# fails: composite-key, gsi, query-sorted, projection, same-partition-key, transaction, parallel-scan, ttl-filter
aws dynamodb create-table --table-name dva-labs-orders --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=customerId,AttributeType=S AttributeName=orderDate,AttributeType=N \
                          AttributeName=status,AttributeType=S AttributeName=total,AttributeType=N \
  --key-schema AttributeName=customerId,KeyType=HASH AttributeName=orderDate,KeyType=RANGE \
  --global-secondary-indexes '[{"IndexName":"byStatus","KeySchema":[{"AttributeName":"status","KeyType":"HASH"},{"AttributeName":"orderDate","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]' \
  --local-secondary-indexes '[{"IndexName":"byTotal","KeySchema":[{"AttributeName":"customerId","KeyType":"HASH"},{"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]' \
  --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES > /dev/null
aws dynamodb wait table-exists --table-name dva-labs-orders
aws dynamodb update-time-to-live --table-name dva-labs-orders \
  --time-to-live-specification Enabled=true,AttributeName=expiresAt > /dev/null
