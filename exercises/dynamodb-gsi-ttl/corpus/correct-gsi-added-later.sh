# Right but built in another order: the table with its LSI (keys only) first, in the infrequent-access class,
# encrypted and protected from deletion; the GSI byStatus added afterwards with update-table, projecting one
# attribute the verifier never reads; then the stream and TTL switched on by updates.
aws dynamodb create-table --table-name dva-labs-orders --billing-mode PAY_PER_REQUEST \
  --attribute-definitions AttributeName=customerId,AttributeType=S AttributeName=orderDate,AttributeType=S AttributeName=total,AttributeType=N \
  --key-schema AttributeName=customerId,KeyType=HASH AttributeName=orderDate,KeyType=RANGE \
  --local-secondary-indexes '[{"IndexName":"byTotal","KeySchema":[{"AttributeName":"customerId","KeyType":"HASH"},{"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]' \
  --table-class STANDARD_INFREQUENT_ACCESS --sse-specification Enabled=true --deletion-protection-enabled > /dev/null
aws dynamodb wait table-exists --table-name dva-labs-orders
aws dynamodb update-table --table-name dva-labs-orders \
  --attribute-definitions AttributeName=status,AttributeType=S AttributeName=orderDate,AttributeType=S \
  --global-secondary-index-updates '[{"Create":{"IndexName":"byStatus","KeySchema":[{"AttributeName":"status","KeyType":"HASH"},{"AttributeName":"orderDate","KeyType":"RANGE"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["note"]}}}]' > /dev/null
aws dynamodb update-table --table-name dva-labs-orders --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES > /dev/null
aws dynamodb update-time-to-live --table-name dva-labs-orders --time-to-live-specification Enabled=true,AttributeName=expiresAt > /dev/null
