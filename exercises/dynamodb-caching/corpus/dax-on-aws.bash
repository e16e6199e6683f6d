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
cluster_arn=$(aws dax describe-clusters --cluster-names "$dax" --query 'Clusters[0].ClusterArn' --output text)
variables=$(aws lambda get-function-configuration --function-name "$function" --query Environment.Variables --output json \
  | jq -c --arg dax "dax://$endpoint" '. + {DAX_ENDPOINT: $dax}')
aws lambda update-function-configuration --function-name "$function" --environment "{\"Variables\": $variables}" > /dev/null
aws lambda wait function-updated-v2 --function-name "$function"

# The function's role may read through the cluster.
function_role=$(aws lambda get-function-configuration --function-name "$function" --query Role --output text)
aws iam put-role-policy --role-name "${function_role##*/}" --policy-name products-dax --policy-document "{\"Version\":\"2012-10-17\",
  \"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dax:GetItem\"],\"Resource\":\"$cluster_arn\"}]}"

# The function's code with the DAX client beside it: Lambda's runtime has botocore and boto3, not amazondax. The
# file is named after the handler's module (index for the stack's index.handler, lambda_function for correct.sh's).
handler=$(aws lambda get-function-configuration --function-name "$function" --query Handler --output text)
work=$(mktemp -d)
pip install --quiet --no-deps -t "$work/package" amazon-dax-client==2.1.0 six==1.17.0 antlr4-python3-runtime==4.13.2
cp "$(dirname "$0")/../solution/function/products.py" "$work/package/${handler%.*}.py"
(cd "$work/package" && zip -qr ../function.zip .)
aws lambda update-function-code --function-name "$function" --zip-file "fileb://$work/function.zip" > /dev/null
aws lambda wait function-updated-v2 --function-name "$function"
rm -rf "$work"
# Now {"action": "read", "id": "p1", "via": "dax"} reads through the cluster. To remove it all:
#   aws dax delete-cluster --cluster-name dva-labs-products  (then, once it is gone, the parameter and subnet groups,
#   the role, and the function role's policy products-dax)
