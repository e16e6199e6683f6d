package dev.dvalabs.buildspec;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.appspec.Findings;
import dev.dvalabs.appspec.Nodes;
import dev.dvalabs.appspec.YamlText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Offline linter for CodeBuild buildspec files, version 0.2: the top-level sections, env's keys and shell, the
 * four phases and what each may hold (runtime-versions in install only), on-failure's values, artifacts (files
 * required) and secondary artifacts, reports and their formats, cache and its action, and batch builds' tasks.
 * The closed lists are {@link Keys}, each with the reference it comes from. Findings carry line and column,
 * like the AppSpec linter's, from the same position-aware reading ({@link YamlText}).
 */
public final class BuildspecLinter {

    static final YamlText.Kind KIND = new YamlText.Kind("a buildspec.yml", "buildspec");

    public List<Finding> lint(Path file) throws IOException {
        long size = Files.size(file);
        if (size > YamlText.MAX_BYTES) {
            return List.of(YamlText.tooLarge(KIND, size));
        }
        Optional<String> text = YamlText.decode(Files.readAllBytes(file));
        return text.isEmpty() ? List.of(YamlText.notText(KIND)) : lint(text.get());
    }

    public List<Finding> lint(String text) {
        YamlText.Top top = YamlText.top(text, KIND, "Write the buildspec, starting with 'version: 0.2'; this file is empty.",
                "sections (version:, phases:, artifacts: ...)");
        if (top.failure() != null) {
            return List.of(top.failure());
        }
        MappingNode mapping = top.mapping();
        Findings findings = new Findings();
        YamlText.checkKeys(mapping, findings, KIND);
        knownKeys(mapping, Keys.TOP_LEVEL, "the top level", findings);
        version(mapping, findings);
        Nodes.find(mapping, "env").ifPresent(env -> env(env.value(), findings));
        Nodes.find(mapping, "proxy").ifPresent(proxy -> section(proxy, findings));
        Nodes.find(mapping, "cache").ifPresent(cache -> section(cache, findings));
        boolean everyTaskHasItsOwn = Nodes.find(mapping, "batch").map(batch -> Batch.check(batch, findings)).orElse(false);
        Optional<Nodes.Entry> phases = Nodes.find(mapping, "phases");
        if (phases.isEmpty()) {
            // A batch whose every task names its own buildspec runs this file's phases nowhere.
            if (!everyTaskHasItsOwn) {
                findings.error(mapping, "phases-missing", "Add phases: with at least a build phase; a buildspec without"
                        + " phases runs nothing (a batch buildspec may leave them out only when every task names its own"
                        + " buildspec).");
            }
        } else {
            phases(phases.get(), findings);
        }
        Nodes.find(mapping, "artifacts").ifPresent(a -> artifacts(a, Keys.ARTIFACTS, findings));
        Nodes.find(mapping, "reports").ifPresent(r -> reports(r, findings));
        return findings.sorted();
    }

    private static void version(MappingNode root, Findings findings) {
        Optional<Nodes.Entry> version = Nodes.find(root, "version");
        if (version.isEmpty()) {
            findings.error(root, "version-missing", "Add 'version: 0.2' at the top; every buildspec needs it.");
            return;
        }
        String value = Nodes.text(version.get().value()).map(String::strip).orElse("");
        if (value.equals("0.1")) {
            findings.warn(version.get().value(), "version-0.1", "Use version 0.2; 0.1 runs each command in its own"
                    + " shell, so a cd or an exported variable does not carry to the next command.");
        } else if (!value.equals("0.2")) {
            findings.error(version.get().value(), "version-value", "Set version to 0.2, the version AWS recommends (found "
                    + Nodes.kind(version.get().value()) + ").");
        }
    }

    private static void env(Node env, Findings findings) {
        if (!(env instanceof MappingNode mapping)) {
            findings.error(env, "env-not-mapping", "Write env as a mapping (variables:, parameter-store: ...); found "
                    + Nodes.kind(env) + ".");
            return;
        }
        knownKeys(mapping, Keys.ENV, "env", findings);
        for (String byName : List.of("variables", "parameter-store", "secrets-manager")) {
            Nodes.find(mapping, byName).ifPresent(e -> {
                if (!(e.value() instanceof MappingNode variables)) {
                    findings.error(e.value(), "env-" + byName, "Write env " + byName + " as a mapping of NAME: value;"
                            + " found " + Nodes.kind(e.value()) + ".");
                    return;
                }
                // CodeBuild sets each variable to one string; a list or a mapping is refused when the build starts.
                for (Nodes.Entry variable : Nodes.entries(variables)) {
                    if (!(variable.value() instanceof ScalarNode) || Nodes.isNull(variable.value())) {
                        findings.error(variable.value(), "env-variable-value", "Give " + variable.key() + " in env " + byName
                                + " one value, a string; found " + Nodes.kind(variable.value()) + ".");
                    }
                }
            });
        }
        Nodes.find(mapping, "exported-variables").ifPresent(e -> {
            if (!(e.value() instanceof SequenceNode)) {
                findings.error(e.value(), "env-exported-variables", "Write exported-variables as a list of variable names.");
            }
        });
        Nodes.find(mapping, "git-credential-helper").ifPresent(e -> yesNo(e, findings));
        Nodes.find(mapping, "shell").ifPresent(e -> oneOf(e, Keys.SHELLS, false, "env-shell", "Set shell to a shell"
                + " CodeBuild documents: bash or /bin/sh on Linux, powershell.exe or cmd.exe on Windows", findings));
    }

    private static void section(Nodes.Entry section, Findings findings) {
        if (!(section.value() instanceof MappingNode mapping)) {
            findings.error(section.value(), section.key() + "-not-mapping", "Write " + section.key() + " as a mapping; found "
                    + Nodes.kind(section.value()) + ".");
            return;
        }
        knownKeys(mapping, Keys.SECTION_KEYS.get(section.key()), section.key(), findings);
        if (section.key().equals("proxy")) {
            Nodes.entries(mapping).forEach(e -> yesNo(e, findings));
        } else {
            Nodes.find(mapping, "paths").ifPresent(p -> list(p, findings));
            Nodes.find(mapping, "action").ifPresent(a -> oneOf(a, Keys.CACHE_ACTIONS, false, "cache-action",
                    "Set the cache's action to restore or save, or leave it out to do both", findings));
        }
    }

    private static void phases(Nodes.Entry phases, Findings findings) {
        if (phases.value() instanceof MappingNode none && Nodes.entries(none).isEmpty()) {
            findings.error(phases.value(), "phases-empty", "Give phases at least one phase, such as build with its commands;"
                    + " phases has no phase.");
            return;
        }
        if (!(phases.value() instanceof MappingNode mapping)) {
            findings.error(phases.value(), "phases-not-mapping", "Write phases as a mapping of install, pre_build, build"
                    + " and post_build; found " + Nodes.kind(phases.value()) + ".");
            return;
        }
        knownKeys(mapping, Keys.PHASES, "phases", findings);
        for (Nodes.Entry phase : Nodes.entries(mapping)) {
            if (!Keys.PHASES.contains(phase.key())) {
                continue;
            }
            if (!(phase.value() instanceof MappingNode body)) {
                findings.error(phase.value(), "phase-not-mapping", "Write the " + phase.key() + " phase as a mapping with"
                        + " commands: (a list); found " + Nodes.kind(phase.value()) + ".");
                continue;
            }
            knownKeys(body, Keys.PHASE, "a phase", findings);
            Nodes.find(body, Keys.INSTALL_ONLY).ifPresent(r -> {
                if (!phase.key().equals("install")) {
                    findings.error(r.keyNode(), "runtime-versions-phase", "Move runtime-versions to the install phase;"
                            + " CodeBuild reads it there only.");
                } else if (!(r.value() instanceof MappingNode)) {
                    findings.error(r.value(), "runtime-versions-form", "Write runtime-versions as a mapping of runtime:"
                            + " version, for example python: 3.12.");
                }
            });
            Optional<Nodes.Entry> commands = Nodes.find(body, "commands");
            if (commands.isEmpty() && Nodes.find(body, Keys.INSTALL_ONLY).isEmpty()) {
                findings.error(body, "commands-missing", "Give the " + phase.key() + " phase its commands: (a list).");
            }
            commands.ifPresent(c -> commands(c, phase.key(), findings));
            Nodes.find(body, "finally").ifPresent(f -> commands(f, phase.key(), findings));
            Nodes.find(body, "on-failure").ifPresent(f -> {
                String value = Nodes.text(f.value()).map(String::strip).orElse("");
                if (!Keys.ON_FAILURE.contains(value) && !Keys.isRetryForm(value)) {
                    findings.error(f.value(), "on-failure-value", "Set on-failure to ABORT, CONTINUE or RETRY (RETRY-count,"
                            + " RETRY-regex or RETRY-count-regex, a count of 1 or more and a regex that compiles); '" + value
                            + "' is none of them.");
                }
            });
        }
    }

    private static void artifacts(Nodes.Entry artifacts, List<String> keys, Findings findings) {
        if (!(artifacts.value() instanceof MappingNode mapping)) {
            findings.error(artifacts.value(), "artifacts-not-mapping", "Write " + artifacts.key() + " as a mapping with"
                    + " files: (a list); found " + Nodes.kind(artifacts.value()) + ".");
            return;
        }
        List<String> known = new ArrayList<>(keys);
        known.add(Keys.DEPRECATED_ARTIFACTS_TYPE);
        knownKeys(mapping, known, artifacts.key(), findings);
        Nodes.find(mapping, Keys.DEPRECATED_ARTIFACTS_TYPE).ifPresent(type -> findings.warn(type.keyNode(), "artifacts-type",
                "Remove type: from " + artifacts.key() + "; version 0.2 no longer reads it, the build project's artifacts"
                        + " settings decide the packaging."));
        Optional<Nodes.Entry> files = Nodes.find(mapping, "files");
        if (files.isEmpty()) {
            findings.error(artifacts.keyNode(), "artifacts-files", "Give " + artifacts.key() + " the files to keep,"
                    + " files: (a list of paths or globs such as '**/*').");
        } else {
            list(files.get(), findings);
        }
        for (String flag : List.of("discard-paths", "enable-symlinks")) {
            Nodes.find(mapping, flag).ifPresent(e -> yesNo(e, findings));
        }
        Nodes.find(mapping, "secondary-artifacts").ifPresent(secondary -> {
            if (!(secondary.value() instanceof MappingNode byId)) {
                findings.error(secondary.value(), "secondary-artifacts-form", "Write secondary-artifacts as a mapping of"
                        + " artifact identifier to its files:.");
                return;
            }
            Nodes.entries(byId).forEach(one -> artifacts(one, Keys.SECONDARY_ARTIFACT, findings));
        });
    }

    private static void reports(Nodes.Entry reports, Findings findings) {
        if (!(reports.value() instanceof MappingNode byGroup)) {
            findings.error(reports.value(), "reports-not-mapping", "Write reports as a mapping of report group name (or"
                    + " ARN) to its files:.");
            return;
        }
        for (Nodes.Entry group : Nodes.entries(byGroup)) {
            if (!(group.value() instanceof MappingNode body)) {
                findings.error(group.value(), "report-not-mapping", "Give the report group " + group.key() + " its files:.");
                continue;
            }
            knownKeys(body, Keys.REPORT, "a report group", findings);
            if (Nodes.find(body, "files").isEmpty()) {
                findings.error(group.keyNode(), "report-files", "Give the report group " + group.key() + " its files: (a list).");
            }
            Nodes.find(body, "file-format").ifPresent(f -> oneOf(f, Keys.REPORT_FORMATS, true, "report-file-format",
                    "Set file-format to a format CodeBuild reads: " + String.join(", ", Keys.REPORT_FORMATS), findings));
        }
    }

    /** A value that should be a list of strings: a bare string is the commonest slip, and CodeBuild refuses it. */
    private static void list(Nodes.Entry entry, Findings findings) {
        if (!(entry.value() instanceof SequenceNode sequence)) {
            findings.error(entry.value(), entry.key() + "-not-list", "Write " + entry.key() + " as a list, each item on"
                    + " its own '- ' line; found " + Nodes.kind(entry.value()) + ".");
            return;
        }
        for (Node item : sequence.getValue()) {
            if (!(item instanceof ScalarNode) || Nodes.isNull(item)) {
                findings.error(item, entry.key() + "-item", "Write each item of " + entry.key() + " as one string (quote a"
                        + " command that holds ': '); found " + Nodes.kind(item) + ".");
            }
        }
    }

    /**
     * A phase's commands or finally: a list of strings, as {@link #list} wants. Left empty (commands: with
     * nothing, or []) CodeBuild runs the phase with no command, and a bare '-' item runs nothing: AWS's own
     * buildspecs have both (aws-crt-java's codebuild/cd/*-build.yml, aws-sdk-java-v2's release-javadoc.yml), so
     * they are warnings.
     */
    private static void commands(Nodes.Entry entry, String phase, Findings findings) {
        boolean none = Nodes.isNull(entry.value()) || entry.value() instanceof SequenceNode s && s.getValue().isEmpty();
        if (none) {
            findings.warn(entry.value(), entry.key() + "-empty", "Give the " + phase + " phase's " + entry.key() + " a"
                    + " command, or remove it; CodeBuild runs it empty.");
            return;
        }
        if (entry.value() instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                if (Nodes.isNull(item)) {
                    findings.warn(item, entry.key() + "-item-empty", "Remove the empty '-' item from " + entry.key()
                            + "; it runs nothing.");
                } else if (!(item instanceof ScalarNode)) {
                    findings.error(item, entry.key() + "-item", "Write each item of " + entry.key() + " as one string"
                            + " (quote a command that holds ': '); found " + Nodes.kind(item) + ".");
                }
            }
            return;
        }
        list(entry, findings);
    }

    /** A value from a closed list the reference gives ({@link Keys}), compared ignoring case when it says so. */
    private static void oneOf(Nodes.Entry entry, List<String> allowed, boolean ignoreCase, String rule, String fix,
            Findings findings) {
        Optional<String> text = Nodes.text(entry.value()).map(String::strip);
        String compared = text.map(t -> ignoreCase ? t.toUpperCase(Locale.ROOT) : t).orElse("");
        if (!allowed.contains(compared)) {
            findings.error(entry.value(), rule, fix + "; " + text.map(t -> "'" + t + "'").orElse(Nodes.kind(entry.value()))
                    + " is not one of them.");
        }
    }

    private static void yesNo(Nodes.Entry entry, Findings findings) {
        // YAML 1.1 reads a bare yes or no as a boolean, which CodeBuild accepts too.
        String value = Nodes.text(entry.value()).map(String::strip).map(v -> v.toLowerCase(Locale.ROOT)).orElse("");
        if (!List.of("yes", "no", "true", "false").contains(value)) {
            findings.error(entry.value(), entry.key() + "-value", "Set " + entry.key() + " to yes or no.");
        }
    }

    static void knownKeys(MappingNode mapping, List<String> known, String where, Findings findings) {
        for (Nodes.Entry entry : Nodes.entries(mapping)) {
            if (!known.contains(entry.key())) {
                String hint = Nodes.closest(entry.key(), known).map(k -> "did you mean '" + k + "'? ").orElse("");
                findings.error(entry.keyNode(), "unknown-key", "Use a key CodeBuild knows in " + where + " (" + hint
                        + "it has " + String.join(", ", known) + "); '" + entry.key() + "' is not one.");
            }
        }
    }
}
