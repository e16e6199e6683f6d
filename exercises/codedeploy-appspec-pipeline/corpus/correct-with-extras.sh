# Right but different: the bucket tagged and encrypted with SSE-S3, the bundle with an extra
# BeforeInstall script, an instance with more tags and port 443 open too, a group that deploys half at a
# time and also rolls back on a stopped deployment, the group's tag filter given as a tag set, and a
# pipeline whose actions have names of their own.
source ./tasks.bash
source_bucket
aws s3api put-bucket-tagging --bucket "$BUCKET" --tagging 'TagSet=[{Key=team,Value=web},{Key=purpose,Value=study}]'
aws s3api put-bucket-encryption --bucket "$BUCKET" --server-side-encryption-configuration \
  '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"AES256"}}]}'
bundle=$(bundle_copy)
printf '#!/bin/bash\necho "deploying $(date)" >> /tmp/dva-labs-deployments.log\n' > "$bundle/scripts/log_deployment.sh"
sed -i 's#^  BeforeInstall:#  BeforeInstall:\n    - location: scripts/log_deployment.sh\n      timeout: 30\n      runas: root#' "$bundle/appspec.yml"
upload_bundle "$bundle"
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance \
  --tag-specifications 'ResourceType=instance,Tags=[{Key=Name,Value=dva-labs-webapp},{Key=team,Value=web}]'
group=$(aws ec2 describe-security-groups --group-names dva-labs-webapp-web --query 'SecurityGroups[0].GroupId' --output text)
aws ec2 authorize-security-group-ingress --group-id "$group" --protocol tcp --port 443 --cidr 0.0.0.0/0 > /dev/null
if has_codedeploy; then
  deployment_group --ec2-tag-set 'ec2TagSetList=[[{Key=Name,Value=dva-labs-webapp,Type=KEY_AND_VALUE}]]' \
    --deployment-config-name CodeDeployDefault.HalfAtATime \
    --auto-rollback-configuration enabled=true,events=DEPLOYMENT_FAILURE,DEPLOYMENT_STOP_ON_REQUEST
  pipeline
fi
