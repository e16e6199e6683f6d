# Right but different: the path parameter named orderId, GET wanting the key too, the role's logs
# written by its own statement instead of the managed policy, a usage plan with its own throttle and quota.
. ./build.bash
path_parameter='{orderId}'
code_edit='s/\["pathParameters"\]\["id"\]/["pathParameters"]["orderId"]/'
get_key=--api-key-required
logs_policy=''
table_actions='["dynamodb:GetItem","dynamodb:PutItem"]'
plan_extra_args=(--throttle burstLimit=50,rateLimit=25 --quota limit=10000,period=DAY)
build
aws iam put-role-policy --role-name "$role" --policy-name logs --policy-document "$(jq -n \
  --arg group "arn:aws:logs:${region}:${account}:log-group:/aws/lambda/${function}:*" \
  '{Version: "2012-10-17", Statement: [{Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: $group}]}')"
