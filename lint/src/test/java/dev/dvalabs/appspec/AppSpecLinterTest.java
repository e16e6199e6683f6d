package dev.dvalabs.appspec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("The AppSpec linter")
class AppSpecLinterTest {

    private final AppSpecLinter linter = new AppSpecLinter();

    private static final String SERVER_HEAD = """
            version: 0.0
            os: linux
            """;

    private static final String WINDOWS_HEAD = """
            version: 0.0
            os: windows
            """;

    static Stream<Arguments> validFiles() {
        return Stream.of(
                Arguments.of("an EC2 in-place file with files, permissions and every in-place hook", """
                        version: 0.0
                        os: linux
                        files:
                          - source: app
                            destination: /opt/app
                          - source: config/app.conf
                            destination: /etc/app
                        file_exists_behavior: RETAIN
                        permissions:
                          - object: /opt/app
                            pattern: "*.sh"
                            except: [keep.sh]
                            owner: app
                            group: app
                            mode: "0755"
                            type:
                              - file
                          - object: /opt/app
                            mode: 750
                            acls:
                              - u:deploy:rwx
                            context:
                              user: unconfined_u
                              type: httpd_sys_content_t
                              range: s0
                            type: [directory]
                        hooks:
                          ApplicationStop:
                            - location: bin/stop.sh
                          BeforeInstall:
                            - location: bin/before.sh
                              timeout: 300
                          AfterInstall:
                            - location: bin/after.sh
                              timeout: 3600
                              runas: app
                          ApplicationStart:
                            - location: bin/start.sh
                          ValidateService:
                            - location: bin/check.sh
                              timeout: 30
                        """),
                Arguments.of("an EC2 file behind a load balancer using the traffic hooks", """
                        version: 0.0
                        os: linux
                        hooks:
                          BeforeBlockTraffic:
                            - location: lb/drain.sh
                          AfterBlockTraffic:
                            - location: lb/drained.sh
                          BeforeAllowTraffic:
                            - location: lb/warm.sh
                          AfterAllowTraffic:
                            - location: lb/done.sh
                        """),
                Arguments.of("a Windows file with a drive-letter destination", """
                        version: 0.0
                        os: windows
                        files:
                          - source: \\
                            destination: c:\\inetpub\\wwwroot
                        hooks:
                          AfterInstall:
                            - location: .\\scripts\\configure.ps1
                              timeout: 900
                        """),
                Arguments.of("a Linux file whose source starts at the bundle root with '/'", """
                        version: 0.0
                        os: linux
                        files:
                          - source: /site/index.html
                            destination: /var/www/html
                        """),
                Arguments.of("a Windows file whose paths start at the bundle root with '\\'", """
                        version: 0.0
                        os: windows
                        files:
                          - source: \\site\\index.html
                            destination: c:\\inetpub\\wwwroot
                        hooks:
                          AfterInstall:
                            - location: \\Scripts\\configure.bat
                        """),
                Arguments.of("a Lambda file written as the user guide shows it",
                        lambda("  - BeforeAllowTraffic: validateBefore\n  - AfterAllowTraffic: validateAfter\n")),
                Arguments.of("a Lambda file in JSON with SAM's capitalised keys", """
                        {"version": 0.0,
                         "Resources": [{"fn": {"Type": "AWS::Lambda::Function",
                           "Properties": {"Name": "orders", "Alias": "live", "CurrentVersion": "3", "TargetVersion": "4"}}}],
                         "Hooks": [{"BeforeAllowTraffic": "check"}]}
                        """),
                Arguments.of("an ECS file with network settings and all five hooks", """
                        version: 0.0
                        Resources:
                          - TargetService:
                              Type: AWS::ECS::Service
                              Properties:
                                TaskDefinition: "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7"
                                LoadBalancerInfo:
                                  ContainerName: "web"
                                  ContainerPort: 8080
                                PlatformVersion: "LATEST"
                                NetworkConfiguration:
                                  AwsvpcConfiguration:
                                    Subnets: ["subnet-1", "subnet-2"]
                                    SecurityGroups: ["sg-1"]
                                    AssignPublicIp: "DISABLED"
                                CapacityProviderStrategy:
                                  - Base: 1
                                    CapacityProvider: "FARGATE_SPOT"
                                    Weight: 2
                        Hooks:
                          - BeforeInstall: "a"
                          - AfterInstall: "b"
                          - AfterAllowTestTraffic: "c"
                          - BeforeAllowTraffic: "d"
                          - AfterAllowTraffic: "e"
                        """),
                Arguments.of("an ECS file for CodePipeline with the task definition placeholder",
                        ecs("      ContainerName: web\n      ContainerPort: 80\n", "")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    @DisplayName("finds no error in a valid file:")
    void validFileHasNoErrors(String description, String yaml) {
        List<Finding> findings = linter.lint(yaml, "appspec.yml");

        assertThat(findings).filteredOn(Finding::isError).isEmpty();
        assertThat(findings).isEmpty();
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                // top level and version/os, EC2
                Arguments.of("no version", "os: linux\n", "version-missing", 1),
                Arguments.of("version 1.0", "version: 1.0\nos: linux\n", "version-value", 1),
                Arguments.of("a quoted version on EC2", "version: \"0.0\"\nos: linux\n", "version-quoted", 1),
                Arguments.of("no os on EC2", "version: 0.0\nhooks:\n", "os-missing", 1),
                Arguments.of("os ubuntu", "version: 0.0\nos: ubuntu\n", "os-value", 2),
                Arguments.of("os Linux capitalised", "version: 0.0\nos: Linux\n", "os-value", 2),
                Arguments.of("a capitalised EC2 section", SERVER_HEAD + "Hooks:\n  AfterInstall:\n    - location: a.sh\n", "key-case", 3),
                Arguments.of("a misspelt section", SERVER_HEAD + "hook:\n  AfterInstall:\n    - location: a.sh\n", "unknown-key", 3),
                Arguments.of("a key given twice", SERVER_HEAD + "os: windows\n", "duplicate-key", 3),
                // files
                Arguments.of("files as a mapping", SERVER_HEAD + "files:\n  source: a\n  destination: /b\n", "files-not-list", 4),
                Arguments.of("a files entry without source", SERVER_HEAD + "files:\n  - destination: /srv\n", "files-source-missing", 4),
                Arguments.of("a files entry without destination", SERVER_HEAD + "files:\n  - source: site\n", "files-destination-missing", 4),
                Arguments.of("a relative destination", SERVER_HEAD + "files:\n  - source: site\n    destination: var/www\n", "files-destination-relative", 5),
                Arguments.of("a source climbing out of the bundle", SERVER_HEAD + "files:\n  - source: ../secrets\n    destination: /srv\n", "files-source-escape", 4),
                Arguments.of("a destination with '..'", SERVER_HEAD + "files:\n  - source: site\n    destination: /srv/../etc\n", "files-destination-dotdot", 5),
                Arguments.of("file_exists_behavior inside an entry", SERVER_HEAD + "files:\n  - source: a\n    destination: /b\n    file_exists_behavior: OVERWRITE\n", "file-exists-behavior-placement", 6),
                Arguments.of("file_exists_behavior REPLACE", SERVER_HEAD + "file_exists_behavior: REPLACE\n", "file-exists-behavior-value", 3),
                Arguments.of("file_exists_behavior in lowercase", SERVER_HEAD + "file_exists_behavior: overwrite\n", "file-exists-behavior-value", 3),
                // permissions
                Arguments.of("permissions on Windows", "version: 0.0\nos: windows\npermissions:\n  - object: C:\\app\n", "permissions-windows", 4),
                Arguments.of("a permission without object", SERVER_HEAD + "permissions:\n  - mode: 644\n", "permissions-object-missing", 4),
                Arguments.of("a permission type of link", permission("type:\n      - link\n"), "permissions-type-value", 6),
                Arguments.of("a permission type given as a string", permission("type: file\n"), "permissions-type-not-list", 5),
                Arguments.of("an unquoted mode with a leading zero", permission("mode: 0644\n"), "mode-leading-zero", 5),
                Arguments.of("a symbolic mode", permission("mode: u+x\n"), "mode-value", 5),
                Arguments.of("a mode of five digits", permission("mode: \"07555\"\n"), "mode-value", 5),
                Arguments.of("except given as a string", permission("except: a.txt\n"), "permissions-except-not-list", 5),
                Arguments.of("a pattern on a file object", SERVER_HEAD + "permissions:\n  - object: /srv/index.html\n    pattern: \"*.html\"\n", "permissions-pattern-on-file", 4),
                Arguments.of("a permission on something never installed", SERVER_HEAD + "files:\n  - source: a\n    destination: /srv\npermissions:\n  - object: /etc\n", "permissions-object-not-installed", 7),
                Arguments.of("an unquoted pattern starting with *", permission("pattern: *.txt\n"), "yaml-syntax", 5),
                // hooks, EC2
                Arguments.of("a misspelt hook", SERVER_HEAD + "hooks:\n  AfterInstal:\n    - location: a.sh\n", "hook-unknown", 4),
                Arguments.of("an ECS-only hook on EC2", SERVER_HEAD + "hooks:\n  AfterAllowTestTraffic:\n    - location: a.sh\n", "hook-not-for-platform", 4),
                Arguments.of("hooks out of lifecycle order", SERVER_HEAD + "hooks:\n  ValidateService:\n    - location: a.sh\n  BeforeInstall:\n    - location: b.sh\n", "hook-order", 6),
                Arguments.of("a hook with no scripts", SERVER_HEAD + "hooks:\n  AfterInstall:\n", "hook-entries-missing", 4),
                Arguments.of("a hook script without the list dash", SERVER_HEAD + "hooks:\n  AfterInstall:\n    location: a.sh\n", "hook-entries-not-list", 5),
                Arguments.of("a hook entry without location", SERVER_HEAD + "hooks:\n  AfterInstall:\n    - timeout: 30\n", "hook-location-missing", 5),
                Arguments.of("a Linux hook location starting with '/', read from the bundle root", SERVER_HEAD + "hooks:\n  AfterInstall:\n    - location: /usr/bin/true\n", "hook-location-rooted", 5),
                Arguments.of("a hook location climbing out with '..'", SERVER_HEAD + "hooks:\n  AfterInstall:\n    - location: scripts/../../x.sh\n", "hook-location-escape", 5),
                Arguments.of("a Windows hook location climbing out with '..\\..\\'", WINDOWS_HEAD + "hooks:\n  AfterInstall:\n    - location: ..\\..\\x.bat\n", "hook-location-escape", 5),
                Arguments.of("a Windows hook location climbing out below the bundle root", WINDOWS_HEAD + "hooks:\n  AfterInstall:\n    - location: \\Scripts\\..\\..\\x.bat\n", "hook-location-escape", 5),
                Arguments.of("a Windows hook location on a drive", WINDOWS_HEAD + "hooks:\n  AfterInstall:\n    - location: c:\\Scripts\\x.bat\n", "hook-location-escape", 5),
                Arguments.of("a Windows hook location on another machine", WINDOWS_HEAD + "hooks:\n  AfterInstall:\n    - location: \\\\server\\share\\x.bat\n", "hook-location-escape", 5),
                Arguments.of("a Windows source climbing out with '..\\'", WINDOWS_HEAD + "files:\n  - source: ..\\secrets\n    destination: c:\\app\n", "files-source-escape", 4),
                Arguments.of("a timeout over an hour", script("timeout: 3601\n"), "timeout-too-long", 6),
                Arguments.of("a zero timeout", script("timeout: 0\n"), "timeout-invalid", 6),
                Arguments.of("a timeout in words", script("timeout: ten minutes\n"), "timeout-invalid", 6),
                Arguments.of("a fractional timeout", script("timeout: 1.5\n"), "timeout-invalid", 6),
                Arguments.of("timeouts adding up past an hour", script("timeout: 2000\n    - location: b.sh\n      timeout: 2000\n"), "timeout-total", 4),
                Arguments.of("runas on Windows", "version: 0.0\nos: windows\nhooks:\n  AfterInstall:\n    - location: a.ps1\n      runas: Administrator\n", "runas-windows", 6),
                Arguments.of("an empty runas", script("runas:\n"), "runas-value", 6),
                Arguments.of("a misspelt script key", script("timout: 30\n"), "hook-unknown-key", 6),
                Arguments.of("Lambda-style hooks on EC2", SERVER_HEAD + "hooks:\n  - AfterInstall: fn\n", "hooks-not-mapping", 4),
                // Lambda
                Arguments.of("a resource with an unknown type", "version: 0.0\nresources:\n  - fn:\n      type: AWS::S3::Bucket\n", "resource-type", 2),
                Arguments.of("resources written as a mapping", "version: 0.0\nresources:\n  fn:\n    type: AWS::Lambda::Function\n", "resources-not-list", 3),
                Arguments.of("a Lambda resource without alias", lambda("").replace("        alias: live\n", ""), "resource-property-missing", 6),
                Arguments.of("a Lambda resource shifting to the same version", lambda("").replace("currentversion: 1", "currentversion: 2"),
                        "lambda-same-version", 9),
                Arguments.of("an EC2 hook on Lambda", lambda("  - BeforeInstall: check\n"), "hook-not-for-platform", 11),
                Arguments.of("the reserved AllowTraffic hook on Lambda", lambda("  - AllowTraffic: check\n"), "hook-reserved", 11),
                Arguments.of("a Lambda hook with no function", lambda("  - AfterAllowTraffic:\n"), "hook-function", 11),
                Arguments.of("a Lambda hook given twice", lambda("  - AfterAllowTraffic: a\n  - AfterAllowTraffic: b\n"), "hook-duplicate", 12),
                Arguments.of("EC2-style hooks on Lambda", lambda("  AfterAllowTraffic:\n    - location: a.sh\n"), "hooks-not-list", 11),
                Arguments.of("an os section on Lambda", lambda("  - AfterAllowTraffic: a\n") + "os: linux\n", "section-ignored", 12),
                Arguments.of("Lambda and ECS resources in one file", """
                        version: 0.0
                        resources:
                          - fn:
                              type: AWS::Lambda::Function
                          - svc:
                              type: AWS::ECS::Service
                        """, "resources-mixed", 3),
                // ECS
                Arguments.of("an ECS service without a container port", ecs("      ContainerName: web\n", ""), "ecs-container-port", 8),
                Arguments.of("an ECS container port in quotes", ecs("      ContainerName: web\n      ContainerPort: \"80\"\n", ""), "ecs-container-port", 9),
                Arguments.of("an ECS network configuration without security groups", ecs("      ContainerName: web\n      ContainerPort: 80\n",
                        "    NetworkConfiguration:\n      AwsvpcConfiguration:\n        Subnets: [a]\n        AssignPublicIp: ENABLED\n"), "ecs-network-incomplete", 12),
                Arguments.of("an ECS AssignPublicIp of yes", ecs("      ContainerName: web\n      ContainerPort: 80\n",
                        "    NetworkConfiguration:\n      AwsvpcConfiguration:\n        Subnets: [a]\n        SecurityGroups: [b]\n        AssignPublicIp: \"yes\"\n"), "ecs-assign-public-ip", 14),
                Arguments.of("an ECS task definition that is not an ARN", ecs("      ContainerName: web\n      ContainerPort: 80\n", "").replace("<TASK_DEFINITION>", "web:7"), "ecs-task-definition", 6),
                Arguments.of("the reserved TestTraffic hook on ECS", ecs("      ContainerName: web\n      ContainerPort: 80\n", "") + "Hooks:\n  - TestTraffic: fn\n", "hook-reserved", 11),
                Arguments.of("an ECS hook that only EC2 has", ecs("      ContainerName: web\n      ContainerPort: 80\n", "") + "Hooks:\n  - ApplicationStart: fn\n", "hook-not-for-platform", 11),
                Arguments.of("an ECS hook given a list of scripts", ecs("      ContainerName: web\n      ContainerPort: 80\n", "") + "Hooks:\n  - AfterInstall:\n      - location: a.sh\n", "hook-function", 12));
    }

    /** An EC2 file whose one AfterInstall script entry carries the given extra lines. */
    private static String script(String extraLines) {
        return SERVER_HEAD + "hooks:\n  AfterInstall:\n    - location: a.sh\n      " + extraLines;
    }

    /** An EC2 file whose one permissions entry on /srv carries the given extra lines. */
    private static String permission(String extraLines) {
        return SERVER_HEAD + "permissions:\n  - object: /srv\n    " + extraLines;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Start", "DownloadBundle", "Install", "BlockTraffic", "AllowTraffic", "End"})
    @DisplayName("refuses every EC2 event reserved to the agent as a hook:")
    void reservedServerHooks(String event) {
        List<Finding> findings = linter.lint(SERVER_HEAD + "hooks:\n  " + event + ":\n    - location: a.sh\n", "appspec.yml");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("hook-reserved");
            assertThat(f.line()).isEqualTo(4);
            assertThat(f.message()).startsWith(event + " is run by CodeDeploy itself");
        });
    }

    private static String lambda(String hooks) {
        return """
                version: 0.0
                resources:
                  - fn:
                      type: AWS::Lambda::Function
                      properties:
                        name: orders
                        alias: live
                        currentversion: 1
                        targetversion: 2
                hooks:
                """ + hooks;
    }

    private static String ecs(String loadBalancerInfo, String more) {
        return """
                version: 0.0
                Resources:
                  - TargetService:
                      Type: AWS::ECS::Service
                      Properties:
                        TaskDefinition: <TASK_DEFINITION>
                        LoadBalancerInfo:
                """ + indent(loadBalancerInfo) + indent(more);
    }

    /** The ECS skeleton's properties sit six spaces in; the fragments are written from four. */
    private static String indent(String fragment) {
        return fragment.lines().map(l -> "    " + l + "\n").reduce("", String::concat);
    }

    @ParameterizedTest(name = "{0} gives {2} on line {3}")
    @MethodSource("invalidFiles")
    @DisplayName("reports the rule and line for")
    void invalidFileGivesRuleAtLine(String description, String yaml, String rule, int line) {
        List<Finding> findings = linter.lint(yaml, "appspec.yml");

        assertThat(findings).as("findings for %s", description)
                .anySatisfy(f -> {
                    assertThat(f.ruleId()).isEqualTo(rule);
                    assertThat(f.line()).isEqualTo(line);
                });
        assertThat(findings).allSatisfy(f -> assertThat(f.message()).endsWith("."));
    }

    static Stream<Arguments> badInput() {
        String nested = "[".repeat(10_000) + "]".repeat(10_000);
        String billionLaughs = """
                a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
                f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
                g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
                h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
                i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
                """;
        String twoMiB = "version: 0.0\nos: linux\n# " + "x".repeat(2 * 1024 * 1024) + "\n";
        return Stream.of(
                Arguments.of("an empty file", "", "empty-file"),
                Arguments.of("a file of comments only", "# nothing here\n", "empty-file"),
                Arguments.of("text that is not YAML", "version: 0.0\nos: linux\nhooks: [unclosed\n  - : :\n", "yaml-syntax"),
                Arguments.of("a list at the top", "- version: 0.0\n- os: linux\n", "not-a-mapping"),
                Arguments.of("a plain sentence", "just some words\n", "not-a-mapping"),
                Arguments.of("a 2 MiB file", twoMiB, "file-too-large"),
                Arguments.of("a billion-laughs alias bomb", billionLaughs, "yaml-aliases"),
                Arguments.of("10,000 levels of nesting", nested, "yaml-too-deep"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    @DisplayName("answers bad input with exactly one finding:")
    void badInputGivesOneFinding(String description, String text, String rule) {
        List<Finding> findings = linter.lint(text, "appspec.yml");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo(rule);
            assertThat(f.severity()).isEqualTo(Finding.Severity.ERROR);
        });
    }

    @Test
    @DisplayName("refuses a file over 1 MiB on disk without reading it into a parser")
    void refusesLargeFileOnDisk(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("appspec.yml");
        Files.write(file, new byte[AppSpecLinter.MAX_BYTES + 1]);

        assertThat(linter.lint(file)).singleElement().extracting(Finding::ruleId).isEqualTo("file-too-large");
    }

    @Test
    @DisplayName("reports bytes that are not UTF-8 as one finding")
    void refusesBinary(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("appspec.yml");
        Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});

        assertThat(linter.lint(file)).singleElement().extracting(Finding::ruleId).isEqualTo("not-text");
    }

    @Test
    @DisplayName("reads a file saved with a UTF-8 byte-order mark")
    void acceptsByteOrderMark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("appspec.yml");
        Files.writeString(file, "\uFEFF" + SERVER_HEAD);

        assertThat(linter.lint(file)).isEmpty();
    }

    @Test
    @DisplayName("checks hook scripts and files sources exist when linting a file in its bundle")
    void checksPathsAgainstBundle(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/present.sh"), "#!/bin/sh\n");
        Path file = dir.resolve("appspec.yml");
        Files.writeString(file, SERVER_HEAD + """
                files:
                  - source: missing-site
                    destination: /srv
                hooks:
                  AfterInstall:
                    - location: scripts/present.sh
                    - location: scripts/absent.sh
                """);

        List<Finding> findings = linter.lint(file);

        assertThat(findings).extracting(Finding::ruleId, Finding::line)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("files-source-not-found", 4),
                        org.assertj.core.groups.Tuple.tuple("hook-location-not-found", 9));
    }

    @Test
    @DisplayName("refuses a files source that is a symlink to /etc when linting a file in its bundle")
    void refusesSourceLinkingOut(@TempDir Path dir) throws Exception {
        Files.createSymbolicLink(dir.resolve("site"), Path.of("/etc"));
        Path file = Files.writeString(dir.resolve("appspec.yml"), SERVER_HEAD + "files:\n  - source: site\n    destination: /srv\n");

        assertThat(linter.lint(file)).extracting(Finding::ruleId, Finding::line)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("files-source-outside-bundle", 4));
    }

    @Test
    @DisplayName("refuses a hook location that is a symlink to a script outside the bundle, or inside a linked directory")
    void refusesLocationLinkingOut(@TempDir Path dir) throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.writeString(outside.resolve("evil.sh"), "#!/bin/sh\n");
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.createSymbolicLink(bundle.resolve("run.sh"), outside.resolve("evil.sh"));
        Files.createSymbolicLink(bundle.resolve("scripts"), outside);
        Path file = Files.writeString(bundle.resolve("appspec.yml"), SERVER_HEAD
                + "hooks:\n  AfterInstall:\n    - location: run.sh\n    - location: scripts/evil.sh\n");

        assertThat(linter.lint(file)).extracting(Finding::ruleId, Finding::line).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hook-location-outside-bundle", 5),
                org.assertj.core.groups.Tuple.tuple("hook-location-outside-bundle", 6));
    }

    @Test
    @DisplayName("accepts links that stay inside the bundle")
    void acceptsLinksInside(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/start.sh"), "#!/bin/sh\n");
        Files.createSymbolicLink(dir.resolve("start.sh"), Path.of("scripts/start.sh"));
        Path file = Files.writeString(dir.resolve("appspec.yml"), SERVER_HEAD
                + "files:\n  - source: scripts\n    destination: /srv\nhooks:\n  ApplicationStart:\n    - location: start.sh\n");

        assertThat(linter.lint(file)).isEmpty();
    }

    @Test
    @DisplayName("points at the column of the offending value")
    void reportsColumns() {
        List<Finding> findings = linter.lint(script("timeout: 9999\n"), "x.yml");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.line()).isEqualTo(6);
            assertThat(f.column()).isEqualTo(16);
            assertThat(f.format("x.yml")).isEqualTo("x.yml:6:16: ERROR timeout-too-long: " + f.message());
        });
    }

    @Test
    @DisplayName("explains a reserved hook by naming where its script belongs")
    void reservedHookSentence() {
        List<Finding> findings = linter.lint(SERVER_HEAD + "hooks:\n  Install:\n    - location: a.sh\n", "x.yml");

        assertThat(findings).singleElement().extracting(Finding::message).asString()
                .contains("Install is run by CodeDeploy itself").contains("BeforeInstall or AfterInstall");
    }

    @Test
    @DisplayName("spells its advice the same under a Turkish default locale: 'LINUX' is told to be 'linux', not 'l\u0131nux'")
    void adviceIgnoresTheDefaultLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(new Locale("tr", "TR"));
        try {
            List<Finding> findings = linter.lint("version: 0.0\nos: LINUX\n", "appspec.yml");

            assertThat(findings).extracting(Finding::message).anySatisfy(m -> assertThat(m).contains("'linux'"));
        } finally {
            Locale.setDefault(before);
        }
    }
}
