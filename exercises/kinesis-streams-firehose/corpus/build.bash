# Not a corpus script (only .sh files are): the steps every corpus script shares,
# each one a variable a script may change before calling build. Sourced, never run alone.

account=$(aws sts get-caller-identity --query Account --output text)
region=${AWS_DEFAULT_REGION}
bucket=dva-labs-clicks-${account}-${region}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# What the instructions ask for; a script changes one of these to get one thing wrong, or to add extras.
shards=2
stream_mode=PROVISIONED
retention=48
delivery_type=KinesisStreamAsSource
prefix=clicks/
buffering='{"SizeInMBs": 1, "IntervalInSeconds": 60}'
processing=enabled            # enabled, disabled, or none (no ProcessingConfiguration)
destination_extras='{}'       # more ExtendedS3DestinationConfiguration fields
processor_extras='[]'         # more processor parameters
firehose_trust=firehose.amazonaws.com  # the service the delivery stream's role trusts
# The transform function: each click gets "transformed": true and a newline after it.
transform='
import base64
import json


def handler(event, context):
    records = []
    for record in event["records"]:
        click = json.loads(base64.b64decode(record["data"]))
        click["transformed"] = True
        data = (json.dumps(click) + "\n").encode("utf-8")
        records.append({"recordId": record["recordId"], "result": "Ok", "data": base64.b64encode(data).decode("ascii")})
    return {"records": records}
'

trust() { echo "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"$1\"},\"Action\":\"sts:AssumeRole\"}]}"; }

stream() {
  if [ "$stream_mode" = ON_DEMAND ]; then
    aws kinesis create-stream --stream-name dva-labs-clicks --stream-mode-details StreamMode=ON_DEMAND
  else
    aws kinesis create-stream --stream-name dva-labs-clicks --shard-count "$shards"
  fi
  aws kinesis wait stream-exists --stream-name dva-labs-clicks
  if [ "$retention" != 24 ]; then
    aws kinesis increase-stream-retention-period --stream-name dva-labs-clicks --retention-period-hours "$retention"
  fi
}

function_() {
  local role
  role=$(aws iam create-role --role-name dva-labs-clicks-transform-role \
    --assume-role-policy-document "$(trust lambda.amazonaws.com)" --query Role.Arn --output text)
  aws iam attach-role-policy --role-name dva-labs-clicks-transform-role \
    --policy-arn arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
  printf '%s' "$transform" > "$work/index.py"
  (cd "$work" && python3 -c 'import zipfile; z = zipfile.ZipFile("transform.zip", "w"); z.write("index.py"); z.close()')
  function_arn=$(aws lambda create-function --function-name dva-labs-clicks-transform --runtime python3.12 \
    --handler index.handler --role "$role" --timeout 60 --zip-file "fileb://$work/transform.zip" \
    --query FunctionArn --output text)
  aws lambda wait function-active --function-name dva-labs-clicks-transform
}

delivery() {
  local stream_arn role policy destination
  stream_arn=$(aws kinesis describe-stream-summary --stream-name dva-labs-clicks \
    --query StreamDescriptionSummary.StreamARN --output text)
  aws s3api create-bucket --bucket "$bucket" > /dev/null
  role=$(aws iam create-role --role-name dva-labs-clicks-firehose-role \
    --assume-role-policy-document "$(trust "$firehose_trust")" --query Role.Arn --output text)
  policy=$(jq -n --arg stream "$stream_arn" --arg bucket "arn:aws:s3:::$bucket" --arg fn "$function_arn" '{
    Version: "2012-10-17", Statement: [
      {Effect: "Allow", Action: ["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetShardIterator",
        "kinesis:GetRecords", "kinesis:ListShards"], Resource: $stream},
      {Effect: "Allow", Action: ["s3:AbortMultipartUpload", "s3:GetBucketLocation", "s3:GetObject", "s3:ListBucket",
        "s3:ListBucketMultipartUploads", "s3:PutObject"], Resource: [$bucket, ($bucket + "/*")]},
      {Effect: "Allow", Action: ["lambda:InvokeFunction", "lambda:GetFunctionConfiguration"], Resource: [$fn, ($fn + ":*")]}]}')
  aws iam put-role-policy --role-name dva-labs-clicks-firehose-role --policy-name read-write-invoke --policy-document "$policy"
  destination=$(jq -n --arg bucket "arn:aws:s3:::$bucket" --arg role "$role" --arg prefix "$prefix" --arg fn "$function_arn" \
    --arg processing "$processing" --argjson buffering "$buffering" --argjson extras "$destination_extras" \
    --argjson parameters "$processor_extras" '{
      BucketARN: $bucket, RoleARN: $role, Prefix: $prefix, BufferingHints: $buffering, CompressionFormat: "UNCOMPRESSED"}
    + (if $processing == "none" then {} else {ProcessingConfiguration: {Enabled: ($processing == "enabled"),
        Processors: [{Type: "Lambda", Parameters: ([{ParameterName: "LambdaArn", ParameterValue: $fn}] + $parameters)}]}} end)
    + $extras')
  if [ "$delivery_type" = KinesisStreamAsSource ]; then
    aws firehose create-delivery-stream --delivery-stream-name dva-labs-clicks-archive \
      --delivery-stream-type KinesisStreamAsSource \
      --kinesis-stream-source-configuration "KinesisStreamARN=$stream_arn,RoleARN=$role" \
      --extended-s3-destination-configuration "$destination" > /dev/null
  else
    aws firehose create-delivery-stream --delivery-stream-name dva-labs-clicks-archive \
      --delivery-stream-type DirectPut --extended-s3-destination-configuration "$destination" > /dev/null
  fi
}

build() {
  stream
  function_
  delivery
}
