package dev.dvalabs.appspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The examples of the CodeDeploy user guide's "AppSpec File example" page
 * (reference-appspec-file-example), one per compute platform, and variants of each broken the
 * way learners break them. The linter must agree with AWS's own examples before anything else.
 */
@DisplayName("AWS's documented AppSpec examples")
class AwsExamplesTest {

    private final AppSpecLinter linter = new AppSpecLinter();

    /** "AppSpec File example for an EC2/On-Premises deployment", as printed for Amazon Linux, Ubuntu Server and RHEL. */
    static final String LINUX = """
            version: 0.0
            os: linux
            files:
              - source: Config/config.txt
                destination: /webapps/Config
              - source: source
                destination: /webapps/myApp
            hooks:
              BeforeInstall:
                - location: Scripts/UnzipResourceBundle.sh
                - location: Scripts/UnzipDataBundle.sh
              AfterInstall:
                - location: Scripts/RunResourceTests.sh
                  timeout: 180
              ApplicationStart:
                - location: Scripts/RunFunctionalTests.sh
                  timeout: 3600
              ValidateService:
                - location: Scripts/MonitorService.sh
                  timeout: 3600
                  runas: codedeployuser
            """;

    /**
     * The same page's instructions for Windows Server applied to that example: os: windows, fully
     * qualified destinations such as c:\temp\webapps\Config, and no runas.
     */
    static final String WINDOWS_FROM_LINUX = LINUX.replace("os: linux", "os: windows")
            .replace("/webapps/Config", "c:\\temp\\webapps\\Config")
            .replace("/webapps/myApp", "c:\\temp\\webapps\\myApp")
            .replace("      runas: codedeployuser\n", "");

    /**
     * The Windows example's paths as the issue quotes them: a source and a script location that
     * start at the bundle root with '\', and a drive-letter destination.
     */
    static final String WINDOWS = """
            version: 0.0
            os: windows
            files:
              - source: \\source\\index.html
                destination: c:\\inetpub\\wwwroot
            hooks:
              AfterInstall:
                - location: \\Scripts\\RunResourceTests.bat
                  timeout: 180
            """;

    /** "AppSpec File example for an AWS Lambda deployment", YAML. */
    static final String LAMBDA = """
            version: 0.0
            Resources:
              - myLambdaFunction:
                  Type: AWS::Lambda::Function
                  Properties:
                    Name: "myLambdaFunction"
                    Alias: "myLambdaFunctionAlias"
                    CurrentVersion: "1"
                    TargetVersion: "2"
            Hooks:
              - BeforeAllowTraffic: "LambdaFunctionToValidateBeforeTrafficShift"
              - AfterAllowTraffic: "LambdaFunctionToValidateAfterTrafficShift"
            """;

    /** The same Lambda example in JSON, as the page prints it. */
    static final String LAMBDA_JSON = """
            {
             \t"version": 0.0,
             \t"Resources": [{
             \t\t"myLambdaFunction": {
             \t\t\t"Type": "AWS::Lambda::Function",
             \t\t\t"Properties": {
             \t\t\t\t"Name": "myLambdaFunction",
             \t\t\t\t"Alias": "myLambdaFunctionAlias",
             \t\t\t\t"CurrentVersion": "1",
             \t\t\t\t"TargetVersion": "2"
             \t\t\t}
             \t\t}
             \t}],
             \t"Hooks": [{
             \t\t\t"BeforeAllowTraffic": "LambdaFunctionToValidateBeforeTrafficShift"
                  },
                  {
             \t\t\t"AfterAllowTraffic": "LambdaFunctionToValidateAfterTrafficShift"
             \t\t}
             \t]
             }
            """;

    /** "AppSpec File example for an Amazon ECS deployment", YAML. */
    static final String ECS = """
            version: 0.0
            Resources:
              - TargetService:
                  Type: AWS::ECS::Service
                  Properties:
                    TaskDefinition: "arn:aws:ecs:us-east-1:111222333444:task-definition/my-task-definition-family-name:1"
                    LoadBalancerInfo:
                      ContainerName: "SampleApplicationName"
                      ContainerPort: 80
            # Optional properties
                    PlatformVersion: "LATEST"
                    NetworkConfiguration:
                      AwsvpcConfiguration:
                        Subnets: ["subnet-1234abcd","subnet-5678abcd"]
                        SecurityGroups: ["sg-12345678"]
                        AssignPublicIp: "ENABLED"
                    CapacityProviderStrategy:
                      - Base: 1
                        CapacityProvider: "FARGATE_SPOT"
                        Weight: 2
                      - Base: 0
                        CapacityProvider: "FARGATE"
                        Weight: 1
            Hooks:
              - BeforeInstall: "LambdaFunctionToValidateBeforeInstall"
              - AfterInstall: "LambdaFunctionToValidateAfterInstall"
              - AfterAllowTestTraffic: "LambdaFunctionToValidateAfterTestTrafficStarts"
              - BeforeAllowTraffic: "LambdaFunctionToValidateBeforeAllowingProductionTraffic"
              - AfterAllowTraffic: "LambdaFunctionToValidateAfterAllowingProductionTraffic"
            """;

    /** The ECS example in JSON, as the page prints it. */
    static final String ECS_JSON = """
            {
            \t"version": 0.0,
            \t"Resources": [
            \t\t{
            \t\t\t"TargetService": {
            \t\t\t\t"Type": "AWS::ECS::Service",
            \t\t\t\t"Properties": {
            \t\t\t\t\t"TaskDefinition": "arn:aws:ecs:us-east-1:111222333444:task-definition/my-task-definition-family-name:1",
            \t\t\t\t\t"LoadBalancerInfo": {
            \t\t\t\t\t\t"ContainerName": "SampleApplicationName",
            \t\t\t\t\t\t"ContainerPort": 80
            \t\t\t\t\t},
            \t\t\t\t\t"PlatformVersion": "LATEST",
            \t\t\t\t\t"NetworkConfiguration": {
            \t\t\t\t\t\t"AwsvpcConfiguration": {
            \t\t\t\t\t\t\t"Subnets": [
            \t\t\t\t\t\t\t\t"subnet-1234abcd",
            \t\t\t\t\t\t\t\t"subnet-5678abcd"
            \t\t\t\t\t\t\t],
            \t\t\t\t\t\t\t"SecurityGroups": [
            \t\t\t\t\t\t\t\t"sg-12345678"
            \t\t\t\t\t\t\t],
            \t\t\t\t\t\t\t"AssignPublicIp": "ENABLED"
            \t\t\t\t\t\t}
            \t\t\t\t\t}
            \t\t\t\t}
            \t\t\t}
            \t\t}
            \t],
            \t"Hooks": [
            \t\t{
            \t\t\t"BeforeInstall": "LambdaFunctionToValidateBeforeInstall"
            \t\t},
            \t\t{
            \t\t\t"AfterInstall": "LambdaFunctionToValidateAfterTraffic"
            \t\t},
            \t\t{
            \t\t\t"AfterAllowTestTraffic": "LambdaFunctionToValidateAfterTestTrafficStarts"
            \t\t},
            \t\t{
            \t\t\t"BeforeAllowTraffic": "LambdaFunctionToValidateBeforeAllowingProductionTraffic"
            \t\t},
            \t\t{
            \t\t\t"AfterAllowTraffic": "LambdaFunctionToValidateAfterAllowingProductionTraffic"
            \t\t}
            \t]
            }
            """;

    static Stream<Arguments> examples() {
        return Stream.of(
                Arguments.of("EC2/On-Premises, Linux", LINUX),
                Arguments.of("EC2/On-Premises, Windows Server, as the page says to change the Linux one", WINDOWS_FROM_LINUX),
                Arguments.of("EC2/On-Premises, Windows Server, with '\\' paths from the bundle root", WINDOWS),
                Arguments.of("AWS Lambda, YAML", LAMBDA),
                Arguments.of("AWS Lambda, JSON", LAMBDA_JSON),
                Arguments.of("Amazon ECS, YAML", ECS),
                Arguments.of("Amazon ECS, JSON", ECS_JSON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    @DisplayName("each lints without a single finding:")
    void exampleLintsClean(String description, String yaml) {
        assertThat(linter.lint(yaml, "appspec.yml")).isEmpty();
    }

    static Stream<Arguments> brokenVariants() {
        return Stream.of(
                broken("Linux with a timeout over an hour", LINUX, "timeout: 180", "timeout: 3601", "timeout-too-long", 14),
                broken("Linux with os capitalised", LINUX, "os: linux", "os: Linux", "os-value", 2),
                broken("Linux with a script under the reserved Install event", LINUX, "  AfterInstall:", "  Install:", "hook-reserved", 12),
                broken("Linux with a relative destination", LINUX, "destination: /webapps/Config", "destination: webapps/Config",
                        "files-destination-relative", 5),
                broken("Linux with a source climbing out of the bundle", LINUX, "source: source", "source: ../source", "files-source-escape", 6),
                broken("Windows keeping the Linux example's runas", LINUX.replace("os: linux", "os: windows")
                                .replace("/webapps/Config", "c:\\temp\\webapps\\Config").replace("/webapps/myApp", "c:\\temp\\webapps\\myApp"),
                        "runas: codedeployuser", "runas: codedeployuser", "runas-windows", 21),
                broken("Windows keeping the Linux example's destinations", LINUX.replace("os: linux", "os: windows")
                        .replace("      runas: codedeployuser\n", ""), "destination: /webapps/Config", "destination: /webapps/Config",
                        "files-destination-relative", 5),
                broken("Windows with a script location climbing out with '..\\..\\'", WINDOWS,
                        "location: \\Scripts\\RunResourceTests.bat", "location: ..\\..\\Scripts\\RunResourceTests.bat", "hook-location-escape", 8),
                broken("Windows with a source climbing out below the bundle root", WINDOWS,
                        "source: \\source\\index.html", "source: \\..\\source\\index.html", "files-source-escape", 4),
                broken("Windows with a relative destination", WINDOWS, "destination: c:\\inetpub\\wwwroot", "destination: inetpub\\wwwroot",
                        "files-destination-relative", 5),
                broken("Lambda with hooks written the EC2 way", LAMBDA, "  - BeforeAllowTraffic: \"LambdaFunctionToValidateBeforeTrafficShift\"\n"
                        + "  - AfterAllowTraffic: \"LambdaFunctionToValidateAfterTrafficShift\"\n", "  BeforeAllowTraffic:\n    - location: a.sh\n",
                        "hooks-not-list", 11),
                broken("Lambda without an alias", LAMBDA, "        Alias: \"myLambdaFunctionAlias\"\n", "", "resource-property-missing", 6),
                broken("Lambda with an EC2 hook", LAMBDA, "- BeforeAllowTraffic:", "- BeforeInstall:", "hook-not-for-platform", 11),
                broken("ECS without a container port", ECS, "          ContainerPort: 80\n", "", "ecs-container-port", 8),
                broken("ECS with AssignPublicIp yes", ECS, "AssignPublicIp: \"ENABLED\"", "AssignPublicIp: \"yes\"", "ecs-assign-public-ip", 16),
                broken("ECS with a hook on the reserved TestTraffic event", ECS, "- AfterAllowTestTraffic:", "- TestTraffic:", "hook-reserved", 27),
                broken("ECS deploying a task set", ECS, "Type: AWS::ECS::Service", "Type: AWS::ECS::TaskSet", "resource-type", 2));
    }

    /**
     * The example with one text replaced, the error expected and the line it should point at: the
     * changed line, or for a removed property the mapping that lacks it.
     */
    private static Arguments broken(String description, String example, String from, String to, String rule, int line) {
        if (!example.contains(from)) {
            throw new IllegalArgumentException(description + ": the example has no '" + from + "'");
        }
        return Arguments.of(description, example.replace(from, to), rule, line);
    }

    @ParameterizedTest(name = "{0} gives {2} on line {3}")
    @MethodSource("brokenVariants")
    @DisplayName("each broken the way learners break it fails with the matching error:")
    void brokenVariantFails(String description, String yaml, String rule, int line) {
        List<Finding> findings = linter.lint(yaml, "appspec.yml");

        assertThat(findings).as(description).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo(rule);
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
            assertThat(f.line()).isEqualTo(line);
        });
    }
}
