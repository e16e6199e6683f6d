package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.testing.AwsStub;
import dev.dvalabs.testing.AwsStub.Answer;
import org.junit.jupiter.api.Test;

/**
 * status on a target that refuses to list IAM roles, and its tagged resources: one line each saying so, each refusal
 * shown as hostile text is, and the stacks still listed.
 */
class StatusRefusedRolesTest {

    @Test
    void aRefusalToListRolesIsOneEscapedLine() throws Exception {
        try (AwsStub stub = new AwsStub()) {
            stub.account("123456789012");
            stub.query.put("DescribeStacks", Answer.xml("""
                    <DescribeStacksResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/"><DescribeStacksResult>
                    <Stacks></Stacks></DescribeStacksResult><ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata>
                    </DescribeStacksResponse>"""));
            stub.query.put("ListRoles", Answer.xml(403, """
                    <ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>
                    <Code>AccessDenied</Code><Message>not\u009B2J allowed
                    on roles</Message></Error><RequestId>stub</RequestId></ErrorResponse>"""));
            LabsTest.Ran ran = LabsTest.run("status", "--target", "endpoint", "--endpoint", stub.endpoint());
            assertThat(ran.exitCode()).as(ran.out() + ran.err()).isEqualTo(ExitCode.OK);
            assertThat(ran.out()).contains("(could not list IAM roles a gone stack may have left: not\\x9B2J allowed\\x0Aon roles)")
                    .contains("(could not list what a destroy may have left: ")
                    .doesNotContain("\u009B");
        }
    }
}
