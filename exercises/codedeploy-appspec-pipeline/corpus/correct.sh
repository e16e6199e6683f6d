# The exercise done with the AWS CLI, as instructions.md asks: a versioned source bucket holding the
# solution's bundle as webapp.zip, a t3.micro tagged Name=dva-labs-webapp with the agent, an instance
# profile and port 80, and where CodeDeploy and CodePipeline exist the application, its deployment
# group (by tag, in place, OneAtATime, rollback on failure, a service role) and the pipeline.
source ./tasks.bash
source_bucket
upload_bundle ../solution/bundle
instance_profile
web_server --iam-instance-profile Name=dva-labs-webapp-instance
if has_codedeploy; then
  deployment_group
  pipeline
fi
