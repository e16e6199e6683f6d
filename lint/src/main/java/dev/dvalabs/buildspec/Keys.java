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
    static final List<String> SHELLS = List.of("bash", "/bin/sh", "sh", "powershell.exe", "cmd.exe", "pwsh");

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
