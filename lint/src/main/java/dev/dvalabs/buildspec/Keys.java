package dev.dvalabs.buildspec;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The keys of a buildspec, version 0.2, as AWS documents them. Written as data in one place.
 *
 * <p>Source: AWS CodeBuild User Guide, "Build specification reference for CodeBuild"
 * (build-spec-ref.html), section "Buildspec syntax".
 */
final class Keys {

    private Keys() {
    }

    static final List<String> VERSIONS = List.of("0.2", "0.1");
    static final List<String> TOP_LEVEL = List.of("version", "run-as", "env", "proxy", "batch", "phases", "reports",
            "artifacts", "cache");
    static final List<String> ENV = List.of("shell", "variables", "parameter-store", "exported-variables",
            "secrets-manager", "git-credential-helper");
    static final List<String> PROXY = List.of("upload-artifacts", "logs");
    static final List<String> PHASES = List.of("install", "pre_build", "build", "post_build");
    static final List<String> PHASE = List.of("run-as", "on-failure", "runtime-versions", "commands", "finally");
    /** runtime-versions is allowed in the install phase only. */
    static final String INSTALL_ONLY = "runtime-versions";
    static final List<String> ON_FAILURE = List.of("ABORT", "CONTINUE", "RETRY");
    /**
     * The reference's longer forms: on-failure: ABORT | CONTINUE | RETRY | RETRY-count | RETRY-regex |
     * RETRY-count-regex (a count, then a regular expression the phase's error must match to retry).
     */
    private static final Pattern RETRY = Pattern.compile("RETRY-(?:(?<count>[0-9]{1,9})(?:-(?<after>.+))?|(?<regex>.+))");
    static final List<String> REPORT = List.of("files", "base-directory", "discard-paths", "file-format");
    static final List<String> ARTIFACTS = List.of("files", "name", "discard-paths", "base-directory", "exclude-paths",
            "enable-symlinks", "s3-prefix", "secondary-artifacts");
    static final List<String> SECONDARY_ARTIFACT = List.of("files", "name", "discard-paths", "base-directory",
            "exclude-paths", "enable-symlinks", "s3-prefix");
    static final List<String> CACHE = List.of("key", "fallback-keys", "action", "paths");
    static final List<String> YES_NO = List.of("yes", "no");
    /**
     * env/shell: "For Linux operating systems, supported shell tags are: bash, /bin/sh. For Windows operating
     * systems, supported shell tags are: powershell.exe, cmd.exe."
     * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.shell
     */
    static final List<String> SHELLS = List.of("bash", "/bin/sh", "powershell.exe", "cmd.exe");
    /**
     * cache/action: restore (only restore the cache) or save (only save it); without it, both.
     * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.cache
     */
    static final List<String> CACHE_ACTIONS = List.of("restore", "save");
    /**
     * reports/&lt;report-group&gt;/file-format, "not case sensitive": test reports CUCUMBERJSON, JUNITXML, NUNITXML,
     * NUNIT3XML, TESTNGXML, VISUALSTUDIOTRX; code coverage reports CLOVERXML, COBERTURAXML, JACOCOXML, SIMPLECOV.
     * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec.reports.file-format
     */
    static final List<String> REPORT_FORMATS = List.of("CUCUMBERJSON", "JUNITXML", "NUNITXML", "NUNIT3XML", "TESTNGXML",
            "VISUALSTUDIOTRX", "CLOVERXML", "COBERTURAXML", "JACOCOXML", "SIMPLECOV");
    /**
     * batch: fast-fail and one of the batch build types.
     * https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build-buildspec.html#build-spec.batch
     */
    static final List<String> BATCH = List.of("fast-fail", "build-graph", "build-list", "build-matrix", "build-fanout");
    /**
     * The batch types whose tasks are a list, each with its identifier ("Required. The identifier of the task.")
     * and optionally its own buildspec ("If this parameter is not specified, the current buildspec file is used").
     * https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build-buildspec.html#build-spec.batch.build-graph
     */
    static final List<String> BATCH_TASK_LISTS = List.of("build-graph", "build-list");
    // A build-graph task's depend-on: "An array of task identifiers that this task depends on" (same page).
    /**
     * artifacts/type: a 0.1 key (type: zip) that the 0.2 syntax no longer lists; the build project's artifacts
     * settings decide the packaging, and 0.2 buildspecs that still carry it run. Warned, never refused.
     * https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html#build-spec-ref-syntax
     */
    static final String DEPRECATED_ARTIFACTS_TYPE = "type";

    static boolean isRetryForm(String value) {
        Matcher retry = RETRY.matcher(value);
        if (!retry.matches()) {
            return false;
        }
        if (retry.group("count") != null && Integer.parseInt(retry.group("count")) < 1) {
            return false;
        }
        String regex = retry.group("count") != null ? retry.group("after") : retry.group("regex");
        try {
            if (regex != null) {
                Pattern.compile(regex);
            }
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    /** The sections whose keys are fixed, by section. */
    static final Map<String, List<String>> SECTION_KEYS = Map.of("env", ENV, "proxy", PROXY, "cache", CACHE);
}
