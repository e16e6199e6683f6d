# fails: appspec-valid
# Everything right, but a hook runs a script from outside the bundle (../scripts/validate_service.sh, next to it rather than in it).
source ./tasks.bash
source_bucket
bundle=$(bundle_copy)
sed -i 's#location: scripts/validate_service.sh#location: ../scripts/validate_service.sh#' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
