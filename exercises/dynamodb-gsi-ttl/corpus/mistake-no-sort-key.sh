# The table keyed by customerId alone, as in the starter: orders of one customer overwrite each other, and
# without a sort key the table can have no LSI, so byTotal is left out.
# fails: composite-key, lsi, query-sorted, same-partition-key
aws dynamodb create-table --table-name dva-labs-orders --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=customerId,AttributeType=S AttributeName=orderDate,AttributeType=S AttributeName=status,AttributeType=S \
  --key-schema AttributeName=customerId,KeyType=HASH \
  --global-secondary-indexes '[{"IndexName":"byStatus","KeySchema":[{"AttributeName":"status","KeyType":"HASH"},{"AttributeName":"orderDate","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]' \
  --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES > /dev/null
aws dynamodb wait table-exists --table-name dva-labs-orders
aws dynamodb update-time-to-live --table-name dva-labs-orders \
  --time-to-live-specification Enabled=true,AttributeName=expiresAt > /dev/null
