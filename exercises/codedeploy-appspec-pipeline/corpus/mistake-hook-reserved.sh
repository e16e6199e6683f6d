# fails: appspec-valid
# Everything right, but the bundle's appspec.yml runs its AfterInstall script on Install, an event CodeDeploy reserves for itself.
source ./tasks.bash
source_bucket
bundle=$(bundle_copy)
sed -i 's/^  AfterInstall:/  Install:/' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
