# fails: appspec-valid
# Everything right, but the appspec.yml leaves out version: 0.0.
source ./tasks.bash
source_bucket
bundle=$(bundle_copy)
sed -i '/^version: 0.0/d' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
