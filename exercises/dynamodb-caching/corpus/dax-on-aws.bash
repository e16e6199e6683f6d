# Not a corpus script (only .sh files are, and they run on the emulator, which has no DAX): task 5 by hand
# on a real account, after correct.sh (the solution stack deployed with --target aws has DAX already).
# Run it with bash on AWS; it reads the VPC's subnets from the function, so it needs nothing else.
set -euo pipefail
account=$(aws sts get-caller-identity --query Account --output text)
table=dva-labs-products
function=dva-labs-products-api
dax=dva-labs-products
role=dva-labs-products-dax-role

aws iam create-role --role-name "$role" --assume-role-policy-document \
  '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"dax.amazonaws.com"},"Action":"sts:AssumeRole"}]}' > /dev/null
aws iam put-role-policy --role-name "$role" --policy-name products-table --policy-document "{\"Version\":\"2012-10-17\",
  \"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:BatchGetItem\",\"dynamodb:Query\",
  \"dynamodb:Scan\",\"dynamodb:PutItem\",\"dynamodb:UpdateItem\",\"dynamodb:DeleteItem\",\"dynamodb:DescribeTable\"],
  \"Resource\":\"arn:aws:dynamodb:${AWS_DEFAULT_REGION}:${account}:table/${table}\"}]}"

subnets=$(aws lambda get-function-configuration --function-name "$function" --query 'VpcConfig.SubnetIds' --output text)
function_groups=$(aws lambda get-function-configuration --function-name "$function" --query 'VpcConfig.SecurityGroupIds' --output text)
vpc=$(aws lambda get-function-configuration --function-name "$function" --query 'VpcConfig.VpcId' --output text)
# DAX answers on 8111 (9111 with TLS); its security group admits the function's.
group=$(aws ec2 create-security-group --group-name "$dax-dax" --description "DAX for the products function" --vpc-id "$vpc" \
  --query GroupId --output text)
for port in 8111 9111; do
  for source in $function_groups; do
    aws ec2 authorize-security-group-ingress --group-id "$group" --protocol tcp --port "$port" --source-group "$source" > /dev/null
  done
done
aws dax create-subnet-group --subnet-group-name "$dax-subnets" --subnet-ids $subnets > /dev/null
# DAX keeps an item 5 minutes by default; the instructions ask for 60 seconds.
aws dax create-parameter-group --parameter-group-name "$dax-params" > /dev/null
aws dax update-parameter-group --parameter-group-name "$dax-params" \
  --parameter-name-values ParameterName=record-ttl-millis,ParameterValue=60000 ParameterName=query-ttl-millis,ParameterValue=60000 > /dev/null
sleep 10   # IAM's new role takes a moment to be usable by DAX
aws dax create-cluster --cluster-name "$dax" --node-type dax.t3.small --replication-factor 1 \
  --iam-role-arn "arn:aws:iam::${account}:role/${role}" --subnet-group-name "$dax-subnets" \
  --parameter-group-name "$dax-params" --security-group-ids "$group" --sse-specification Enabled=true \
  --tags Key=dva-labs:exercise,Value=dynamodb-caching > /dev/null
until [ "$(aws dax describe-clusters --cluster-names "$dax" --query 'Clusters[0].Status' --output text)" = available ]; do
  sleep 30
done
endpoint=$(aws dax describe-clusters --cluster-names "$dax" --query 'Clusters[0].ClusterDiscoveryEndpoint.Address' --output text)
variables=$(aws lambda get-function-configuration --function-name "$function" --query Environment.Variables --output json \
  | jq -c --arg dax "dax://$endpoint" '. + {DAX_ENDPOINT: $dax}')
aws lambda update-function-configuration --function-name "$function" --environment "{\"Variables\": $variables}" > /dev/null
# The function's code reads through DAX with the amazon-dax-client package (packaged with it):
#   from amazondax import AmazonDaxClient
#   dax = AmazonDaxClient.resource(endpoint_url=os.environ["DAX_ENDPOINT"]); table = dax.Table(os.environ["TABLE_NAME"])
# and its role needs dax:GetItem and dax:PutItem on the cluster's ARN. To remove it all:
#   aws dax delete-cluster --cluster-name dva-labs-products  (then, once it is gone, the parameter and subnet groups and the role)
