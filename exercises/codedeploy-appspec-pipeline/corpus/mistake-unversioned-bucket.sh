# fails: source-versioned
# Everything right, but the source bucket was created without turning versioning on.
source ./tasks.bash
make_bucket "$BUCKET"
upload_bundle ../solution/bundle
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
