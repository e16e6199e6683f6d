# fails: instance
# Everything right, but the instance is a t2.micro where the instructions ask for a t3.micro.
source ./tasks.bash
source_bucket
upload_bundle ../solution/bundle
INSTANCE_TYPE=t2.micro
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
