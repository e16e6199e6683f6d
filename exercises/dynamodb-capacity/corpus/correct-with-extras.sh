# Right, with more than asked: a sort key, a GSI provisioned like the table, a stream and a tag; the
# switch to on-demand takes the GSI with it.
. ./build.bash
create() {
  aws dynamodb create-table --table-name "$table" \
    --attribute-definitions AttributeName=id,AttributeType=S AttributeName=at,AttributeType=S AttributeName=kind,AttributeType=S \
    --key-schema AttributeName=id,KeyType=HASH AttributeName=at,KeyType=RANGE --billing-mode PROVISIONED \
    --provisioned-throughput ReadCapacityUnits=5,WriteCapacityUnits=5 \
    --global-secondary-indexes 'IndexName=byKind,KeySchema=[{AttributeName=kind,KeyType=HASH}],Projection={ProjectionType=ALL},ProvisionedThroughput={ReadCapacityUnits=5,WriteCapacityUnits=5}' \
    --stream-specification StreamEnabled=true,StreamViewType=NEW_IMAGE --tags Key=team,Value=me > /dev/null
  aws dynamodb wait table-exists --table-name "$table"
}
look() {
  aws dynamodb put-item --table-name "$table" --item '{"id":{"S":"mine"},"at":{"S":"now"}}' --return-consumed-capacity TOTAL > /dev/null
  sleep 1
}
build
