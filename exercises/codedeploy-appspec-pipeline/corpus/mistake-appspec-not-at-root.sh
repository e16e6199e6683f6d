# fails: appspec-valid
# Everything right, but the bundle was zipped as its folder, so appspec.yml sits in bundle/ inside the zip instead of at its root.
source ./tasks.bash
source_bucket
cp -r ../solution/bundle "$WORK/bundle"
(cd "$WORK" && python3 -m zipfile -c "$WORK/webapp.zip" bundle)
aws s3 cp "$WORK/webapp.zip" "s3://$BUCKET/webapp.zip" > /dev/null
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
