package dev.dvalabs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlanTest {

    @Test
    @DisplayName("IAM roles, inline policies and resource policies are listed before a deploy, as the CDK CLI does")
    void securityChangesListed() {
        String template = """
                {"Resources":{
                  "Role":{"Type":"AWS::IAM::Role","Properties":{
                    "AssumeRolePolicyDocument":{"Statement":[{"Effect":"Allow","Principal":{"Service":"codedeploy.amazonaws.com"},"Action":"sts:AssumeRole"}]},
                    "Policies":[{"PolicyName":"p","PolicyDocument":{"Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:ListBucket"],"Resource":"*"}]}}]}},
                  "QueuePolicy":{"Type":"AWS::SQS::QueuePolicy","Properties":{"PolicyDocument":{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:SendMessage","Resource":{"Fn::GetAtt":["Queue","Arn"]},"Condition":{"ArnEquals":{"aws:SourceArn":{"Ref":"Topic"}}}}]}}},
                  "Table":{"Type":"AWS::DynamoDB::Table","Properties":{}}}}
                """;
        Plan plan = Plan.of(template);
        assertThat(plan.summary()).isEqualTo("1 AWS::DynamoDB::Table, 1 AWS::IAM::Role, 1 AWS::SQS::QueuePolicy");
        assertThat(plan.securityChanges()).containsExactly(
                "IAM role Role assumable by codedeploy.amazonaws.com, with inline policies allowing s3:GetObject s3:ListBucket",
                "AWS::SQS::QueuePolicy QueuePolicy allowing sqs:SendMessage");
    }

    @Test
    @DisplayName("the listing is the policy evaluator's: a Deny allows nothing, and NotAction lists what it lets through")
    void denyAndNotActionListedAsTheyAct() {
        String template = """
                {"Resources":{"QueuePolicy":{"Type":"AWS::SQS::QueuePolicy","Properties":{"PolicyDocument":{"Statement":[
                  {"Effect":"Deny","Principal":"*","Action":"sqs:DeleteQueue","Resource":"*"},
                  {"Effect":"Allow","Principal":"*","NotAction":"sqs:DeleteQueue","Resource":"*"}]}}}}}
                """;
        assertThat(Plan.of(template).securityChanges()).containsExactly(
                "AWS::SQS::QueuePolicy QueuePolicy allowing every action except sqs:DeleteQueue");
    }

    @Test
    @DisplayName("a policy the evaluator cannot read is listed as such, not as allowing nothing")
    void unreadablePolicySaysSo() {
        String template = """
                {"Resources":{"QueuePolicy":{"Type":"AWS::SQS::QueuePolicy","Properties":{"PolicyDocument":{"Statement":[
                  {"Action":"sqs:SendMessage"}]}}}}}
                """;
        assertThat(Plan.of(template).securityChanges()).singleElement().asString()
                .startsWith("AWS::SQS::QueuePolicy QueuePolicy allowing (a policy the toolkit cannot read: ");
    }

    @Test
    @DisplayName("a template without security-sensitive resources lists none")
    void nothingSensitive() {
        assertThat(Plan.of("{\"Resources\":{\"T\":{\"Type\":\"AWS::DynamoDB::Table\"}}}").securityChanges()).isEmpty();
    }
}
