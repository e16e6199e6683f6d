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
                "IAM role assumable by codedeploy.amazonaws.com, with inline policies allowing s3:GetObject s3:ListBucket",
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

    @Test
    @DisplayName("a role is listed by its name and a computed principal as the ARN it resolves to, never as raw CloudFormation"
            + " or a logical id; what the deploy alone can work out is left out")
    void roleNamedAndPrincipalResolved() {
        String template = """
                {"Resources":{"Access9901B1FF":{"Type":"AWS::IAM::Role","Properties":{"RoleName":"dva-labs-user-items-access",
                  "AssumeRolePolicyDocument":{"Statement":[{"Effect":"Allow","Action":["sts:AssumeRole","sts:TagSession"],
                    "Principal":{"AWS":{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::",{"Ref":"AWS::AccountId"},":root"]]}}}]}}},
                 "Other":{"Type":"AWS::IAM::Role","Properties":{"AssumeRolePolicyDocument":{"Statement":[{"Effect":"Allow",
                    "Action":"sts:AssumeRole","Principal":{"AWS":{"Fn::GetAtt":["Access9901B1FF","Arn"]}}}]}}}}}
                """;
        assertThat(Plan.of(template, java.util.Map.of("AWS::Partition", "aws", "AWS::AccountId", "000000000000")).securityChanges())
                .containsExactly("IAM role dva-labs-user-items-access assumable by arn:aws:iam::000000000000:root", "IAM role");
        assertThat(Plan.of(template).securityChanges()).first().asString().isEqualTo("IAM role dva-labs-user-items-access");
    }
}
