# fails: appspec-valid
# Everything right, but the appspec.yml names the instance's distribution as its os (os: amazonlinux), where CodeDeploy knows only linux and windows.
source ./tasks.bash
source_bucket
bundle=$(bundle_copy)
sed -i 's/^os: linux/os: amazonlinux/' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
