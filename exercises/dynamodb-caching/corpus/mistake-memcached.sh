# fails: cache-engine, cache-multi-az, lazy-loading, stale-until-ttl, cache-ttl, write-through
# A Memcached cluster instead of a Redis replication group: no replication, no Multi-AZ, and the
# function's Redis commands get no answer from it.
. ./build.bash
build_memcached() {
  aws dynamodb create-table --table-name "$table" --billing-mode PAY_PER_REQUEST \
    --attribute-definitions AttributeName=id,AttributeType=S --key-schema AttributeName=id,KeyType=HASH > /dev/null
  aws elasticache create-cache-cluster --cache-cluster-id "$cache" --engine memcached --cache-node-type cache.t3.micro \
    --num-cache-nodes 2 > /dev/null
  aws elasticache wait cache-cluster-available --cache-cluster-id "$cache"
  host=$(aws elasticache describe-cache-clusters --cache-cluster-id "$cache" \
    --query 'CacheClusters[0].ConfigurationEndpoint.Address' --output text)
  port=$(aws elasticache describe-cache-clusters --cache-cluster-id "$cache" \
    --query 'CacheClusters[0].ConfigurationEndpoint.Port' --output text)
  aws iam create-role --role-name "$role" --assume-role-policy-document \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}' > /dev/null
  aws iam put-role-policy --role-name "$role" --policy-name products-table --policy-document "{\"Version\":\"2012-10-17\",
    \"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"dynamodb:GetItem\",\"dynamodb:PutItem\"],
    \"Resource\":\"arn:aws:dynamodb:${AWS_DEFAULT_REGION}:${account}:table/${table}\"}]}"
  work=$(mktemp -d)
  cp "$code" "$work/lambda_function.py"
  (cd "$work" && zip -q function.zip lambda_function.py)
  aws lambda create-function --function-name "$function" --runtime python3.12 --handler lambda_function.handler \
    --role "arn:aws:iam::${account}:role/${role}" --zip-file "fileb://$work/function.zip" --timeout 10 \
    --environment "Variables={TABLE_NAME=$table,CACHE_HOST=$host,CACHE_PORT=$port}" > /dev/null
  aws lambda wait function-active-v2 --function-name "$function"
  rm -rf "$work"
}
build_memcached
