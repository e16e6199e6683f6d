# The AWS CLI commands of instructions.md's tasks, one function a task, shared by the corpus scripts (each
# script says what it does differently). Sourced by them, it builds nothing by itself. The scripts run in
# this folder, so ../solution/bundle is the solution's bundle.
ACCOUNT=$(aws sts get-caller-identity --query Account --output text)
REGION=${AWS_DEFAULT_REGION:-$(aws configure get region)}
BUCKET=dva-labs-appspec-source-$ACCOUNT-$REGION
ARTIFACTS=dva-labs-appspec-artifacts-$ACCOUNT-$REGION
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# What the scripts may change, one at a time.
INSTANCE_TYPE=${INSTANCE_TYPE:-t3.micro}
WEB_PORT=${WEB_PORT:-80}

make_bucket() {
  if [ "$REGION" = us-east-1 ]; then
    aws s3api create-bucket --bucket "$1" > /dev/null
  else
    aws s3api create-bucket --bucket "$1" --create-bucket-configuration LocationConstraint="$REGION" > /dev/null
  fi
}

# Task 2: the versioned source bucket.
source_bucket() {
  make_bucket "$BUCKET"
  aws s3api put-bucket-versioning --bucket "$BUCKET" --versioning-configuration Status=Enabled
}

# Task 1: a copy of the solution's bundle to change; prints its folder.
bundle_copy() {
  cp -r ../solution/bundle "$WORK/bundle"
  echo "$WORK/bundle"
}

# Task 6: the folder's contents zipped with appspec.yml at the root (aws deploy push does the same), uploaded.
upload_bundle() {
  (cd "$1" && python3 -m zipfile -c "$WORK/webapp.zip" *)
  aws s3 cp "$WORK/webapp.zip" "s3://$BUCKET/webapp.zip" > /dev/null
}

role() {
  aws iam create-role --role-name "$1" --assume-role-policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"$2\"},\"Action\":\"sts:AssumeRole\"}]}" > /dev/null
}

# Task 3, the instance's part: a role that reads the bundle, in an instance profile.
instance_profile() {
  role dva-labs-webapp-instance ec2.amazonaws.com
  aws iam put-role-policy --role-name dva-labs-webapp-instance --policy-name read-bundles --policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\",\"s3:ListBucket\"],
      \"Resource\":[\"arn:aws:s3:::$ARTIFACTS\",\"arn:aws:s3:::$ARTIFACTS/*\",\"arn:aws:s3:::$BUCKET\",\"arn:aws:s3:::$BUCKET/*\"]}]}"
  aws iam create-instance-profile --instance-profile-name dva-labs-webapp-instance > /dev/null
  aws iam add-role-to-instance-profile --instance-profile-name dva-labs-webapp-instance --role-name dva-labs-webapp-instance
}

# Task 3: one instance with the agent, tagged Name=dva-labs-webapp, port 80 open; "$@" adds run-instances options.
web_server() {
  local group image
  group=$(aws ec2 create-security-group --group-name dva-labs-webapp-web --description "HTTP to the page" \
    --query GroupId --output text)
  aws ec2 authorize-security-group-ingress --group-id "$group" --protocol tcp --port "$WEB_PORT" --cidr 0.0.0.0/0 > /dev/null
  image=$(aws ssm get-parameter --name /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 \
    --query Parameter.Value --output text)
  cat > "$WORK/user-data.sh" <<USERDATA
#!/bin/bash
dnf install -y ruby wget
cd /tmp
wget -q https://aws-codedeploy-$REGION.s3.$REGION.amazonaws.com/latest/install
chmod +x ./install
./install auto
systemctl enable --now codedeploy-agent
USERDATA
  aws ec2 run-instances --image-id "$image" --instance-type "$INSTANCE_TYPE" --security-group-ids "$group" \
    --user-data "file://$WORK/user-data.sh" \
    --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=dva-labs-webapp}]' "$@" > /dev/null
}

# ministack has no CodeDeploy and no CodePipeline (instructions.md says so); tasks 4 and 5 only where they exist.
has_codedeploy() {
  aws deploy list-applications > /dev/null 2>&1
}

# Task 4: the application, its service role and the deployment group; "$@" replaces the group's options.
deployment_group() {
  role dva-labs-webapp-codedeploy codedeploy.amazonaws.com
  aws iam put-role-policy --role-name dva-labs-webapp-codedeploy --policy-name codedeploy --policy-document \
    '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["ec2:Describe*","autoscaling:Describe*","tag:GetResources"],"Resource":"*"}]}'
  aws deploy create-application --application-name dva-labs-webapp --compute-platform Server > /dev/null
  local options=("$@")
  if [ ${#options[@]} -eq 0 ]; then
    options=(--ec2-tag-filters Key=Name,Value=dva-labs-webapp,Type=KEY_AND_VALUE
             --deployment-style deploymentType=IN_PLACE,deploymentOption=WITHOUT_TRAFFIC_CONTROL
             --deployment-config-name CodeDeployDefault.OneAtATime
             --auto-rollback-configuration enabled=true,events=DEPLOYMENT_FAILURE)
  fi
  aws deploy create-deployment-group --application-name dva-labs-webapp --deployment-group-name dva-labs-webapp-group \
    --service-role-arn "arn:aws:iam::$ACCOUNT:role/dva-labs-webapp-codedeploy" "${options[@]}" > /dev/null
}

# Task 5: the pipeline from the bucket's webapp.zip to the deployment group, with its role and artifact bucket.
pipeline() {
  make_bucket "$ARTIFACTS"
  role dva-labs-webapp-pipeline codepipeline.amazonaws.com
  aws iam put-role-policy --role-name dva-labs-webapp-pipeline --policy-name pipeline --policy-document \
    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"codedeploy:*\"],\"Resource\":\"*\"}]}"
  cat > "$WORK/pipeline.json" <<PIPELINE
{"name": "dva-labs-webapp-pipeline", "roleArn": "arn:aws:iam::$ACCOUNT:role/dva-labs-webapp-pipeline",
 "artifactStore": {"type": "S3", "location": "$ARTIFACTS"},
 "stages": [
  {"name": "Source", "actions": [{"name": "Bundle",
    "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "S3", "version": "1"},
    "configuration": {"S3Bucket": "$BUCKET", "S3ObjectKey": "webapp.zip", "PollForSourceChanges": "true"},
    "outputArtifacts": [{"name": "Bundle"}]}]},
  {"name": "Deploy", "actions": [{"name": "Deploy",
    "actionTypeId": {"category": "Deploy", "owner": "AWS", "provider": "CodeDeploy", "version": "1"},
    "configuration": {"ApplicationName": "dva-labs-webapp", "DeploymentGroupName": "dva-labs-webapp-group"},
    "inputArtifacts": [{"name": "Bundle"}]}]}]}
PIPELINE
  aws codepipeline create-pipeline --pipeline "file://$WORK/pipeline.json" > /dev/null
}
