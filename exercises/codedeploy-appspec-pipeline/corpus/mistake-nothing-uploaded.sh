# fails: appspec-valid
# Everything right, but the bundle was never uploaded: the source bucket is empty.
source ./tasks.bash
source_bucket
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
