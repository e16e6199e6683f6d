# fails: instance
# Everything right, but the instance was launched without the instance profile, so the agent cannot fetch the bundle.
source ./tasks.bash
source_bucket
upload_bundle ../solution/bundle
instance_profile
web_server
if has_codedeploy; then
  deployment_group
  pipeline
fi
