package dev.dvalabs.ebextensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.appspec.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The .ebextensions config linter on the shapes of AWS's documented examples and on broken ones. */
class ConfigLinterTest {

    private static List<String> lint(String text) {
        return new ConfigLinter().lint(text).stream()
                .map(f -> f.line() + ":" + f.column() + " " + f.severity() + " " + f.ruleId()).toList();
    }

    @Test
    @DisplayName("the option_settings forms the configuration-options page shows, in YAML, all lint clean")
    void documentedOptionForms() {
        assertThat(lint("""
                option_settings:
                  aws:elasticbeanstalk:application:environment:
                    API_ENDPOINT: www.example.com/api
                  aws:elasticbeanstalk:environment:process:default:
                    HealthCheckPath: /health
                  aws:autoscaling:asg:
                    MinSize: "1"
                    MaxSize: "4"
                  aws:elasticbeanstalk:command:
                    DeploymentPolicy: RollingWithAdditionalBatch
                    BatchSizeType: Fixed
                    BatchSize: "1"
                  aws:elbv2:listener:443:
                    Protocol: HTTPS
                """)).isEmpty();
        assertThat(lint("""
                option_settings:
                  - namespace:  aws:elasticbeanstalk:container:python
                    option_name:  WSGIPath
                    value:  ebdjango.wsgi:application
                  - option_name: PARAM1
                    value: somevalue
                """)).isEmpty();
    }

    @Test
    @DisplayName("the Linux-server customization keys in their documented shapes lint clean, and JSON with tabs too")
    void documentedServerKeys() {
        assertThat(lint("""
                packages:
                  yum:
                    libmemcached: []
                sources:
                  /etc/myapp: https://example.com/myapp.tar.gz
                files:
                  "/home/ec2-user/myfile":
                    mode: "000755"
                    owner: root
                    group: root
                    source: https://example.com/myfile
                users:
                  myuser:
                    groups:
                      - group1
                groups:
                  group1: {}
                commands:
                  test_command:
                    command: echo "$HOME" > test.txt
                    cwd: /home/ec2-user
                    test: '[ -x /usr/bin/python ]'
                    ignoreErrors: true
                services:
                  sysvinit:
                    myservice:
                      enabled: "true"
                container_commands:
                  01_migrate:
                    command: "python manage.py migrate"
                    leader_only: true
                Resources:
                  sslSecurityGroupIngress:
                    Type: AWS::EC2::SecurityGroupIngress
                Outputs:
                  Greeting:
                    Value: hello
                """)).isEmpty();
        assertThat(lint("{\n\t\"option_settings\": [\n\t\t{\"namespace\": \"aws:elasticbeanstalk:command\", "
                + "\"option_name\": \"DeploymentPolicy\", \"value\": \"Immutable\"}\n\t]\n}\n")).isEmpty();
    }

    @Test
    @DisplayName("a misspelled namespace and a misspelled option are named where they are, with what AWS spells")
    void misspellings() {
        List<Finding> findings = new ConfigLinter().lint("""
                option_settings:
                  aws:elasticbeanstalk:comand:
                    DeploymentPolicy: Immutable
                  aws:autoscaling:launchconfiguration:
                    InstanceTypes: t3.micro
                """);
        assertThat(findings).extracting(f -> f.line() + ":" + f.column() + " " + f.ruleId())
                .containsExactly("2:3 unknown-namespace", "5:5 unknown-option");
        assertThat(findings.get(0).message()).contains("did you mean aws:elasticbeanstalk:command?");
        assertThat(findings.get(1).message()).contains("did you mean InstanceType?");
    }

    @Test
    @DisplayName("a documented option with a value AWS does not document is refused at the value")
    void values() {
        assertThat(lint("option_settings:\n  aws:elasticbeanstalk:environment:\n    EnvironmentType: Single\n"))
                .containsExactly("3:22 ERROR option-value");
    }

    @Test
    @DisplayName("a list item with an unknown key, an empty file and an alias bomb are each one finding")
    void broken() {
        assertThat(lint("option_settings:\n  - namespace: aws:elasticbeanstalk:command\n    option_name: Timeout\n"
                + "    value: \"600\"\n    resource: x\n")).containsExactly("5:5 ERROR option-item-key");
        assertThat(lint("")).containsExactly("1:1 ERROR empty-file");
        StringBuilder bomb = new StringBuilder("a: &a [x, x]\n");
        for (int i = 0; i < 30; i++) {
            bomb.append("b").append(i).append(": &b").append(i).append(" [*a, *a]\n");
        }
        assertThat(lint(bomb.toString())).containsExactly("1:1 ERROR yaml-aliases");
    }

    @Test
    @DisplayName("option values are checked against the types the reference documents: integers in range, booleans, words")
    void typedValues() {
        assertThat(lint("""
                option_settings:
                  aws:elasticbeanstalk:command:
                    BatchSize: lots
                    Timeout: forever
                    IgnoreHealthCheck: maybe
                  aws:autoscaling:updatepolicy:rollingupdate:
                    RollingUpdateType: Sometimes
                    MaxBatchSize: -3
                  aws:elasticbeanstalk:application:environment:
                    GREETING:
                      nested: map
                    LIST: [a, b]
                """)).containsExactly("3:16 ERROR option-value", "4:14 ERROR option-value", "5:24 ERROR option-value",
                "7:24 ERROR option-value", "8:19 ERROR option-value", "11:7 ERROR property-value", "12:11 ERROR property-value");
        assertThat(new ConfigLinter().lint("option_settings:\n  aws:elasticbeanstalk:command:\n    Timeout: \"0\"\n")
                .get(0).message()).contains("1 to 3600");
    }

    @Test
    @DisplayName("a file's path is absolute, its mode six octal digits, and it has content or source, not both; leader_only is a boolean")
    void filesAndCommands() {
        assertThat(lint("""
                files:
                  "etc/relative/path.txt":
                    mode: "0644x"
                    content: a
                    source: http://example.com/x
                container_commands:
                  b:
                    command: echo hi
                    leader_only: sometimes
                """)).containsExactly("2:3 ERROR file-path", "3:11 ERROR file-mode", "5:5 ERROR file-content-and-source",
                "9:18 ERROR leader-only-value");
    }

    @Test
    @DisplayName("top-level Parameters and Mappings, the CloudFormation sections ebextensions-otherkeys.html documents, lint clean")
    void parametersAndMappings() {
        assertThat(lint("""
                Parameters:
                  bucket:
                    Type: String
                    Default: "DOC-EXAMPLE-BUCKET"
                Mappings:
                  Region2ELBAccountId:
                    us-east-1:
                      AccountId: "127311923021"
                Resources:
                  Topic:
                    Type: AWS::SNS::Topic
                """)).isEmpty();
    }

    @Test
    @DisplayName("aws:elasticbeanstalk:customoption takes option names of the learner's own, as Fn::GetOptionSetting reads them")
    void customOptions() {
        assertThat(lint("""
                option_settings:
                  aws:elasticbeanstalk:customoption:
                    EFSVolumeName: "EB-EFS-Volume"
                    VPCId: "vpc-1a2b3c4d"
                """)).isEmpty();
        assertThat(lint("option_settings:\n  - namespace: aws:elasticbeanstalk:customoption\n    option_name: CacheNodeType\n"
                + "    value: cache.t2.micro\n")).isEmpty();
    }

    @Test
    @DisplayName("a file's mode written as a bare number is refused: YAML makes 000755 the integer 493")
    void unquotedMode() {
        assertThat(lint("files:\n  /etc/app.conf:\n    mode: 000755\n    content: x\n")).containsExactly("3:11 ERROR file-mode");
        assertThat(lint("files:\n  /etc/app.conf:\n    mode: 644\n    content: x\n")).containsExactly("3:11 ERROR file-mode");
        assertThat(lint("files:\n  /etc/app.conf:\n    mode: \"000755\"\n    content: x\n")).isEmpty();
        assertThat(new ConfigLinter().lint("files:\n  /etc/app.conf:\n    mode: 000755\n    content: x\n").get(0).message())
                .contains("quotes").contains("493");
    }

    @Test
    @DisplayName("a quoted mode shorter than six digits, as AWS's own samples write it ('0644'), is a warning only")
    void shortQuotedMode() {
        assertThat(lint("files:\n  /etc/app.conf:\n    mode: \"0644\"\n    content: x\n")).containsExactly("3:11 WARNING file-mode-short");
    }

    @Test
    @DisplayName("packages: managers are yum, rpm, rubygems and python on Linux and msi on Windows, nothing else")
    void packageManagers() {
        assertThat(lint("packages:\n  yum:\n    git: []\n  rpm:\n    epel: https://example.com/epel.rpm\n"
                + "  rubygems:\n    chef: '0.10.2'\n  python:\n    boto3: []\n  msi:\n    mysql: https://example.com/m.msi\n")).isEmpty();
        assertThat(lint("packages:\n  apt:\n    git: []\n")).containsExactly("2:3 ERROR package-manager");
        assertThat(lint("packages:\n  pip:\n    boto3: []\n")).containsExactly("2:3 ERROR package-manager");
        assertThat(lint("packages:\n  - yum\n")).containsExactly("2:3 ERROR packages-not-mapping");
    }

    @Test
    @DisplayName("services: holds sysvinit (Linux) or windows, nothing else")
    void serviceKinds() {
        assertThat(lint("services:\n  sysvinit:\n    nginx:\n      enabled: true\n      ensureRunning: true\n")).isEmpty();
        assertThat(lint("services:\n  windows:\n    W3SVC:\n      ensureRunning: true\n")).isEmpty();
        assertThat(lint("services:\n  systemd:\n    nginx:\n      enabled: true\n")).containsExactly("2:3 ERROR service-manager");
        assertThat(lint("services:\n  nginx:\n    enabled: true\n")).containsExactly("2:3 ERROR service-manager");
        assertThat(lint("services:\n  sysvinit:\n    nginx:\n      ensureRuning: true\n")).containsExactly("4:7 WARNING unknown-setting");
    }

    @Test
    @DisplayName("a file's encoding is plain or base64; a setting Elastic Beanstalk does not read is a warning")
    void fileAndCommandSettings() {
        assertThat(lint("files:\n  /etc/app.conf:\n    encoding: base64\n    content: aGk=\n")).isEmpty();
        assertThat(lint("files:\n  /etc/app.conf:\n    encoding: utf-8\n    content: hi\n")).containsExactly("3:15 ERROR file-encoding");
        assertThat(lint("commands:\n  01_a:\n    command: make\n    ignoreError: true\n")).containsExactly("4:5 WARNING unknown-setting");
        assertThat(lint("container_commands:\n  01_a:\n    command: make\n    leader_only: true\n    waitAfterCompletion: 0\n"))
                .isEmpty();
        assertThat(lint("commands:\n  01_a:\n    command: make\n    leader_only: true\n")).containsExactly("4:5 WARNING unknown-setting");
        assertThat(lint("files:\n  /etc/app.conf:\n    content: hi\n    permissions: '0644'\n")).containsExactly("4:5 WARNING unknown-setting");
    }
}
