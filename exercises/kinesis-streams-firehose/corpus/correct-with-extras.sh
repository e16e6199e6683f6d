# Right but different: the stream made with 1 shard and resharded to 2, its retention raised in two steps,
# encrypted with the AWS managed key and tagged; the arrival hour written as a timestamp expression in the
# prefix (which then needs an error prefix), GZIP objects, the processor's own buffer interval set.
. ./build.bash
shards=1
retention=24
destination_extras='{"Prefix": "clicks/!{timestamp:yyyy/MM/dd/HH}/", "ErrorOutputPrefix": "errors/!{firehose:error-output-type}/", "CompressionFormat": "GZIP"}'
processor_extras='[{"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "60"}]'
stream
aws kinesis update-shard-count --stream-name dva-labs-clicks --target-shard-count 2 --scaling-type UNIFORM_SCALING
aws kinesis wait stream-exists --stream-name dva-labs-clicks
aws kinesis increase-stream-retention-period --stream-name dva-labs-clicks --retention-period-hours 36
aws kinesis increase-stream-retention-period --stream-name dva-labs-clicks --retention-period-hours 48
aws kinesis start-stream-encryption --stream-name dva-labs-clicks --encryption-type KMS --key-id alias/aws/kinesis
aws kinesis wait stream-exists --stream-name dva-labs-clicks
aws kinesis add-tags-to-stream --stream-name dva-labs-clicks --tags team=web
function_
delivery
