package dev.dvalabs.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.appspec.Finding;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The buildspec linter on the shapes of AWS's buildspec reference and on broken ones. */
class BuildspecLinterTest {

    private static List<String> lint(String text) {
        return new BuildspecLinter().lint(text).stream()
                .map(f -> f.line() + ":" + f.column() + " " + f.severity() + " " + f.ruleId()).toList();
    }

    @Test
    @DisplayName("the reference's syntax with every section filled in lints clean")
    void documentedSyntax() {
        assertThat(lint("""
                version: 0.2
                run-as: root
                env:
                  shell: bash
                  variables:
                    JAVA_HOME: "/usr/lib/jvm/java-8-openjdk-amd64"
                  parameter-store:
                    LOGIN_PASSWORD: /CodeBuild/dockerLoginPassword
                  exported-variables:
                    - BUILD_ID
                  secrets-manager:
                    TOKEN: prod/token:token
                  git-credential-helper: no
                proxy:
                  upload-artifacts: yes
                  logs: yes
                phases:
                  install:
                    run-as: root
                    on-failure: ABORT
                    runtime-versions:
                      java: corretto11
                    commands:
                      - echo Entered the install phase...
                    finally:
                      - echo This always runs
                  pre_build:
                    commands:
                      - echo pre_build
                  build:
                    on-failure: CONTINUE
                    commands:
                      - mvn install
                  post_build:
                    commands:
                      - echo Build completed on `date`
                reports:
                  report-group-name:
                    files:
                      - "**/*"
                    base-directory: target/tests/reports
                    discard-paths: no
                    file-format: JUNITXML
                artifacts:
                  files:
                    - target/messageUtil-1.0.jar
                  name: my-artifact
                  discard-paths: yes
                  base-directory: target
                  exclude-paths:
                    - target/tmp/**
                  enable-symlinks: no
                  s3-prefix: builds
                  secondary-artifacts:
                    artifact1:
                      files:
                        - target/artifact-1.0.jar
                cache:
                  paths:
                    - '/root/.m2/**/*'
                """)).isEmpty();
    }

    @Test
    @DisplayName("each broken section is named at its line and column")
    void broken() {
        assertThat(lint("""
                version: 0.2
                env:
                  exported-variables: BUILD_ID
                phases:
                  build:
                    commands:
                      - make
                    runtime-versions:
                      python: 3.12
                    on-failure: RETRY-(x
                artifacts:
                  secondary-artifacts:
                    one:
                      name: x
                """)).containsExactly("3:23 ERROR env-exported-variables", "8:5 ERROR runtime-versions-phase",
                "10:17 ERROR on-failure-value", "11:1 ERROR artifacts-files", "13:5 ERROR artifacts-files");
    }

    @Test
    @DisplayName("version 0.1 is a warning, a missing version an error, and a file that is a list one finding")
    void versionsAndShapes() {
        assertThat(lint("version: 0.1\nphases:\n  build:\n    commands:\n      - make\n")).containsExactly("1:10 WARNING version-0.1");
        assertThat(lint("phases:\n  build:\n    commands:\n      - make\n")).containsExactly("1:1 ERROR version-missing");
        assertThat(lint("- version: 0.2\n")).containsExactly("1:1 ERROR not-a-mapping");
    }

    @Test
    @DisplayName("an environment variable whose value is a list or a mapping is refused at the value; numbers and booleans are scalars")
    void variableValuesAreScalars() {
        assertThat(lint("version: 0.2\nenv:\n  variables:\n    A: [x]\n    B: {c: d}\n    N: 3\n    T: true\n"
                + "phases:\n  build:\n    commands:\n      - make\n"))
                .containsExactly("4:8 ERROR env-variable-value", "5:8 ERROR env-variable-value");
        assertThat(new BuildspecLinter().lint("version: 0.2\nenv:\n  parameter-store:\n    A:\n      - x\n"
                + "phases:\n  build:\n    commands:\n      - make\n").get(0).message())
                .startsWith("Give A in env parameter-store one value").endsWith(".");
    }

    @Test
    @DisplayName("on-failure takes RETRY-regex and RETRY-count-regex as the buildspec reference documents, and refuses a regex that does not compile")
    void retryForms() {
        String phase = "version: 0.2\nphases:\n  build:\n    on-failure: %s\n    commands:\n      - make\n";
        for (String right : new String[] {"ABORT", "CONTINUE", "RETRY", "RETRY-2", "RETRY-.*error.*", "RETRY-3-.*timed out.*"}) {
            assertThat(lint(phase.formatted(right))).as(right).isEmpty();
        }
        for (String wrong : new String[] {"STOP", "retry", "RETRY-", "RETRY-0", "RETRY-[unclosed"}) {
            assertThat(lint(phase.formatted(wrong))).as(wrong).containsExactly("4:17 ERROR on-failure-value");
        }
    }

    @Test
    @DisplayName("phases: {} says phases holds no phase, and a list says it is a list")
    void emptyPhases() {
        List<Finding> empty = new BuildspecLinter().lint("version: 0.2\nphases: {}\n");
        assertThat(empty).extracting(f -> f.line() + ":" + f.column() + " " + f.ruleId()).containsExactly("2:9 phases-empty");
        assertThat(empty.get(0).message()).contains("no phase").doesNotContain("found a mapping");
        assertThat(lint("version: 0.2\nphases:\n  - build\n")).containsExactly("3:3 ERROR phases-not-mapping");
    }

    private static final String BUILD = "phases:\n  build:\n    commands:\n      - make\n";

    @Test
    @DisplayName("a batch buildspec without phases whose tasks each name their own buildspec lints clean (batch-build-buildspec.html)")
    void batchOfOwnBuildspecsNeedsNoPhases() {
        assertThat(lint("""
                version: 0.2
                batch:
                  fast-fail: false
                  build-list:
                    - identifier: linux
                      buildspec: ci/linux.yml
                    - identifier: windows
                      buildspec: ci/windows.yml
                      env:
                        image: aws/codebuild/windows-base:2019-2.0
                """)).isEmpty();
        assertThat(lint("""
                version: 0.2
                batch:
                  build-graph:
                    - identifier: build
                      buildspec: ci/build.yml
                    - identifier: test
                      buildspec: ci/test.yml
                      depend-on:
                        - build
                """)).isEmpty();
    }

    @Test
    @DisplayName("a batch task that runs this very buildspec still needs its phases")
    void batchTaskWithoutItsOwnBuildspecNeedsPhases() {
        assertThat(lint("""
                version: 0.2
                batch:
                  build-list:
                    - identifier: linux
                      buildspec: ci/linux.yml
                    - identifier: here
                """)).containsExactly("1:1 ERROR phases-missing");
    }

    @Test
    @DisplayName("a build-graph or build-list task without identifier is refused at the task (the reference marks it Required)")
    void batchTaskNeedsIdentifier() {
        assertThat(lint("""
                version: 0.2
                batch:
                  build-graph:
                    - identifier: one
                    - buildspec: two.yml
                      depend-on:
                        - one
                """ + BUILD)).containsExactly("5:7 ERROR batch-identifier");
        assertThat(lint("version: 0.2\nbatch:\n  build-list:\n    - buildspec: x.yml\n" + BUILD))
                .containsExactly("4:7 ERROR batch-identifier");
        assertThat(lint("version: 0.2\nbatch:\n  build-lists:\n    - identifier: x\n" + BUILD))
                .containsExactly("3:3 ERROR unknown-key");
    }

    @Test
    @DisplayName("cache action is restore or save, nothing else")
    void cacheAction() {
        String cache = "version: 0.2\ncache:\n  key: npm-$(codebuild-hash-files package-lock.json)\n  action: %s\n  paths:\n    - node_modules/**/*\n" + BUILD;
        assertThat(lint(cache.formatted("restore"))).isEmpty();
        assertThat(lint(cache.formatted("save"))).isEmpty();
        assertThat(lint(cache.formatted("upload"))).containsExactly("4:11 ERROR cache-action");
        assertThat(lint(cache.formatted("Restore"))).containsExactly("4:11 ERROR cache-action");
    }

    @Test
    @DisplayName("env shell is one of the documented shells: bash, /bin/sh, powershell.exe, cmd.exe")
    void envShell() {
        String shell = "version: 0.2\nenv:\n  shell: %s\n" + BUILD;
        for (String right : new String[] {"bash", "/bin/sh", "powershell.exe", "cmd.exe"}) {
            assertThat(lint(shell.formatted(right))).as(right).isEmpty();
        }
        for (String wrong : new String[] {"zsh", "/bin/bash", "powershell"}) {
            assertThat(lint(shell.formatted(wrong))).as(wrong).containsExactly("3:10 ERROR env-shell");
        }
    }

    @Test
    @DisplayName("a report's file-format is one of CodeBuild's test or coverage formats, in any case")
    void reportFileFormat() {
        String report = "version: 0.2\n" + BUILD + "reports:\n  tests:\n    files:\n      - '**/*'\n    file-format: %s\n";
        for (String right : new String[] {"JUNITXML", "CucumberJson", "NUNIT3XML", "VISUALSTUDIOTRX", "JACOCOXML", "SIMPLECOV"}) {
            assertThat(lint(report.formatted(right))).as(right).isEmpty();
        }
        for (String wrong : new String[] {"JUNIT", "XML", "LCOV"}) {
            assertThat(lint(report.formatted(wrong))).as(wrong).containsExactly("10:18 ERROR report-file-format");
        }
    }

    @Test
    @DisplayName("artifacts type, deprecated in 0.2, is a warning and not an unknown key")
    void artifactsTypeIsDeprecated() {
        assertThat(lint("version: 0.2\n" + BUILD + "artifacts:\n  type: zip\n  files:\n    - out.zip\n"))
                .containsExactly("7:3 WARNING artifacts-type");
    }

    @Test
    @DisplayName("an empty commands: runs nothing: a warning, not an error; a bare '-' in commands too")
    void emptyCommands() {
        assertThat(lint("version: 0.2\nphases:\n  build:\n    commands:\n      - make\n  post_build:\n    commands:\n"))
                .containsExactly("7:14 WARNING commands-empty");
        assertThat(lint("version: 0.2\nphases:\n  build:\n    commands: []\n"))
                .containsExactly("4:15 WARNING commands-empty");
        assertThat(lint("version: 0.2\nphases:\n  build:\n    commands:\n      - make\n      -\n      - make test\n"))
                .containsExactly("6:8 WARNING commands-item-empty");
        assertThat(lint("version: 0.2\nphases:\n  build:\n    commands: make\n")).containsExactly("4:15 ERROR commands-not-list");
    }

    @Test
    @DisplayName("a build-graph task's depend-on names tasks of the same graph")
    void dependOnNamesTasksOfTheGraph() {
        String graph = "version: 0.2\nbatch:\n  build-graph:\n    - identifier: build\n    - identifier: test\n"
                + "      depend-on:\n        - %s\n" + BUILD;
        assertThat(lint(graph.formatted("build"))).isEmpty();
        assertThat(lint(graph.formatted("biuld"))).containsExactly("7:11 ERROR batch-depend-on");
        assertThat(lint("version: 0.2\nbatch:\n  build-graph:\n    - identifier: build\n    - identifier: test\n"
                + "      depend-on: build\n" + BUILD)).containsExactly("6:18 ERROR batch-depend-on");
    }
}
