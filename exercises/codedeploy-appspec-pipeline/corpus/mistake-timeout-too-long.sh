# fails: appspec-valid
# Everything right, but a hook's timeout is 4000 seconds, past the 3600 CodeDeploy allows.
source ./tasks.bash
source_bucket
bundle=$(bundle_copy)
sed -i 's/timeout: 300/timeout: 4000/' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
