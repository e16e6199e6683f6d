# fails: instance
# Everything right, but the security group opens port 8080 instead of 80.
source ./tasks.bash
source_bucket
upload_bundle ../solution/bundle
WEB_PORT=8080
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
