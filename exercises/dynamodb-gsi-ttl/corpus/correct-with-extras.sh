# The exercise done right with other harmless choices: PROVISIONED billing, the GSI projecting keys
# only, a second GSI, a second LSI, tags, and an order of the learner's own in the table.
aws dynamodb create-table --table-name dva-labs-orders --provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5 \
  --attribute-definitions AttributeName=customerId,AttributeType=S AttributeName=orderDate,AttributeType=S \
                          AttributeName=status,AttributeType=S AttributeName=total,AttributeType=N AttributeName=region,AttributeType=S \
  --key-schema AttributeName=customerId,KeyType=HASH AttributeName=orderDate,KeyType=RANGE \
  --global-secondary-indexes '[{"IndexName":"byStatus","KeySchema":[{"AttributeName":"status","KeyType":"HASH"},{"AttributeName":"orderDate","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}},{"IndexName":"byRegion","KeySchema":[{"AttributeName":"region","KeyType":"HASH"}],"Projection":{"ProjectionType":"INCLUDE","NonKeyAttributes":["total"]},"ProvisionedThroughput":{"ReadCapacityUnits":1,"WriteCapacityUnits":1}}]' \
  --local-secondary-indexes '[{"IndexName":"byTotal","KeySchema":[{"AttributeName":"customerId","KeyType":"HASH"},{"AttributeName":"total","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}},{"IndexName":"byStatusLocal","KeySchema":[{"AttributeName":"customerId","KeyType":"HASH"},{"AttributeName":"status","KeyType":"RANGE"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}]' \
  --stream-specification StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES \
  --tags Key=team,Value=orders Key=env,Value=study > /dev/null
aws dynamodb wait table-exists --table-name dva-labs-orders
aws dynamodb update-time-to-live --table-name dva-labs-orders \
  --time-to-live-specification Enabled=true,AttributeName=expiresAt > /dev/null
aws dynamodb put-item --table-name dva-labs-orders \
  --item '{"customerId":{"S":"c-1"},"orderDate":{"S":"2026-05-01"},"status":{"S":"NEW"},"total":{"N":"42"},"expiresAt":{"N":"4102444800"}}'
