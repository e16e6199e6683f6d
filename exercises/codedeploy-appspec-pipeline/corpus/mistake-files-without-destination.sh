# fails: appspec-valid
# Everything right, but the files entry says where the page comes from and not where it goes (no destination).
source ./tasks.bash
source_bucket
bundle=$(bundle_copy)
sed -i '/destination: \/var\/www\/html/d' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
