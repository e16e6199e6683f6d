# Not a corpus script (only .sh files are): the steps every corpus script shares, each one a variable a
# script may change before calling build. Sourced, never run alone.

account=$(aws sts get-caller-identity --query Account --output text)
table=dva-labs-products
cache=dva-labs-products-cache
function=dva-labs-products-api
role=dva-labs-products-api-role

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
engine=redis
nodes=2
failover=--automatic-failover-enabled
multi_az=--multi-az-enabled
code=../solution/function/products.py   # the function's code, which a script may write itself
code_edit=''                    # a sed script applied to it

build() {
  make_table
  make_network_and_cache
  make_function
}

make_table() {
  aws dynamodb create-table --table-name "$table" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH > /dev/null
}

# Sets host and port (the cache's primary endpoint) and vpc_config (the function's place in the VPC).
make_network_and_cache() {
  # The VPC the cache lives in: two subnets in two Availability Zones, DynamoDB through a gateway endpoint.
  vpc=$(aws ec2 create-vpc --cidr-block 10.40.0.0/16 --query Vpc.VpcId --output text)
  zones=($(aws ec2 describe-availability-zones --query 'AvailabilityZones[0:2].ZoneName' --output text))
  subnet_a=$(aws ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.40.0.0/24 --availability-zone "${zones[0]}" \
    --query Subnet.SubnetId --output text)
  subnet_b=$(aws ec2 create-subnet --vpc-id "$vpc" --cidr-block 10.40.1.0/24 --availability-zone "${zones[1]}" \
    --query Subnet.SubnetId --output text)
  routes=$(aws ec2 describe-route-tables --filters "Name=vpc-id,Values=$vpc" --query 'RouteTables[0].RouteTableId' --output text)
  aws ec2 create-vpc-endpoint --vpc-id "$vpc" --service-name "com.amazonaws.${AWS_DEFAULT_REGION}.dynamodb" \
    --route-table-ids "$routes" > /dev/null
  function_group=$(aws ec2 create-security-group --group-name dva-labs-products-function --description "products function" \
    --vpc-id "$vpc" --query GroupId --output text)
  cache_group=$(aws ec2 create-security-group --group-name dva-labs-products-cache --description "products cache" \
    --vpc-id "$vpc" --query GroupId --output text)
  aws ec2 authorize-security-group-ingress --group-id "$cache_group" --protocol tcp --port 6379 \
    --source-group "$function_group" > /dev/null

  aws elasticache create-cache-subnet-group --cache-subnet-group-name "$cache-subnets" \
    --cache-subnet-group-description "products cache" --subnet-ids "$subnet_a" "$subnet_b" > /dev/null
  aws elasticache create-replication-group --replication-group-id "$cache" \
    --replication-group-description "products cache" --engine "$engine" --cache-node-type cache.t3.micro \
    --num-cache-clusters "$nodes" $failover $multi_az --cache-subnet-group-name "$cache-subnets" \
    --security-group-ids "$cache_group" > /dev/null
  aws elasticache wait replication-group-available --replication-group-id "$cache"
  host=$(aws elasticache describe-replication-groups --replication-group-id "$cache" \
    --query 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Address' --output text)
  port=$(aws elasticache describe-replication-groups --replication-group-id "$cache" \
    --query 'ReplicationGroups[0].NodeGroups[0].PrimaryEndpoint.Port' --output text)
  vpc_config="SubnetIds=$subnet_a,$subnet_b,SecurityGroupIds=$function_group"
}

make_function() {
  aws iam create-role --role-name "$role" --assume-role-policy-document \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}' > /dev/null
  aws iam attach-role-policy --role-name "$role" \
    --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole
  aws iam put-role-policy --role-name "$role" --policy-name products-table --policy-document "{\"Version\":\"2012-10-17\",
    \"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\"],
    \"Resource\":\"arn:aws:dynamodb:${AWS_DEFAULT_REGION}:${account}:table/${table}\"}]}"

  work=$(mktemp -d)
  sed -e "$code_edit" "$code" > "$work/lambda_function.py"
  (cd "$work" && zip -q function.zip lambda_function.py)
  aws lambda create-function --function-name "$function" --runtime python3.12 --handler lambda_function.handler \
    --role "arn:aws:iam::${account}:role/${role}" --zip-file "fileb://$work/function.zip" --timeout 10 \
    ${vpc_config:+--vpc-config "$vpc_config"} \
    --environment "Variables={TABLE_NAME=$table,CACHE_HOST=$host,CACHE_PORT=$port}" > /dev/null
  aws lambda wait function-active-v2 --function-name "$function"
  rm -rf "$work"
}
