package dev.dvalabs.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

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
                    on-failure: RETRY-x
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
}
