# fails: appspec-valid
# Everything right, but a hook's location names a script the bundle does not hold (scripts/configure.sh).
source ./tasks.bash
source_bucket
bundle=$(bundle_copy)
sed -i 's#scripts/configure_site.sh#scripts/configure.sh#' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
