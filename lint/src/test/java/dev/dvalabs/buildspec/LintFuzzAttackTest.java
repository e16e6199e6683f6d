package dev.dvalabs.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.ebextensions.ConfigLinter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a hostile tester gave the buildspec and .ebextensions linters: a value of every YAML shape where each rule reads. */
@DisplayName("The linters under attack")
class LintFuzzAttackTest {

    /** Values of every shape YAML gives: scalars of each type, empties, nested, non-string keys, anchors, tags. */
    static final List<String> VALUES = List.of("~", "1", "1.5", "true", "2020-01-01", "99999999999999999999999", "!!binary aGVsbG8=",
            "[]", "{}", "\"x\"", "[~]", "[1]", "[[]]", "[{}]", "{1: 2}", "{~: x}", "{[a]: b}", "{x: ~}", "{x: [1]}", "{x: {y: z}}",
            "[{x: ~}]", "[{x: [1]}]", "[{1: 2}]", "[{identifier: ~}]", "[{identifier: [1], depend-on: 5}]",
            "[{identifier: a, depend-on: [~, 1, [x]]}]", "[{identifier: a, depend-on: {x: y}}]", "[{identifier: a, env: 5}]",
            "[{identifier: a, env: {variables: 5, compute-type: [1]}}]", "[{identifier: a, buildspec: [1], debug-session: x}]",
            "{build-graph: 5}", "{static: 5, dynamic: [1]}", "{parameters: 5}", "{parameters: {env: [1]}}",
            "{mode: ~, owner: [1], content: {a: b}, encoding: [x], source: 5}", "{mode: 000755}", "{mode: [1]}",
            "{yum: 5}", "{yum: [1]}", "{yum: {x: [1]}}", "{rpm: {x: {y: z}}}", "{sysvinit: 5}", "{sysvinit: {x: 5}}",
            "{sysvinit: {x: {enabled: [1], files: 5, packages: 7, sources: {a: b}, commands: x}}}",
            "{x: {command: ~, cwd: [1], env: 5, test: {a: b}, leader_only: [x], ignoreErrors: {}}}",
            "[{namespace: ~, option_name: [1], value: {a: b}}]", "[{namespace: [1]}]", "{\"aws:elasticbeanstalk:application:environment\": 5}",
            "{\"aws:elasticbeanstalk:application:environment\": [1, ~, {a: [1]}]}",
            "{\"aws:autoscaling:asg\": {MinSize: [1], MaxSize: {a: b}}}",
            "&a [*a]", "{x: &b {y: *b}}");

    /** Where each value goes: the paths the rules read, old and new. */
    static final List<String> BUILDSPEC_PATHS = List.of("", "version", "phases", "phases.build", "phases.build.commands",
            "phases.build.on-failure", "phases.build.finally", "phases.install.runtime-versions", "phases.build.run-as", "env",
            "env.shell", "env.variables", "env.exported-variables", "env.parameter-store", "env.git-credential-helper",
            "cache", "cache.paths", "cache.action", "cache.key", "cache.fallback-keys", "reports", "reports.r", "reports.r.files",
            "reports.r.file-format", "artifacts", "artifacts.files", "artifacts.type", "artifacts.secondary-artifacts",
            "artifacts.secondary-artifacts.a", "batch", "batch.build-graph", "batch.build-list", "batch.build-matrix",
            "batch.build-matrix.static", "batch.build-matrix.dynamic", "batch.build-fanout", "batch.fast-fail", "proxy");

    static final List<String> EBEXTENSIONS_PATHS = List.of("", "option_settings", "files", "files./a", "files./a.mode",
            "files./a.content", "files./a.encoding", "commands", "commands.c", "commands.c.command", "container_commands",
            "container_commands.c", "packages", "packages.yum", "packages.yum.x", "packages.rubygems", "services",
            "services.sysvinit", "services.sysvinit.x", "services.sysvinit.x.enabled", "services.sysvinit.x.files",
            "services.windows", "sources", "users", "groups", "Parameters", "Mappings", "Resources", "Outputs");

    private static String nested(String path, String value, String around) {
        if (path.isEmpty()) {
            return value;
        }
        String[] keys = path.split("\\.");
        StringBuilder yaml = new StringBuilder(around);
        for (int i = 0; i < keys.length; i++) {
            yaml.append("  ".repeat(i)).append('"').append(keys[i]).append('"').append(':')
                    .append(i == keys.length - 1 ? " " + value : "").append('\n');
        }
        return yaml.toString();
    }

    private static List<String> thrown(List<String> paths, String around, Function<String, Object> lint) {
        List<String> thrown = new ArrayList<>();
        for (String path : paths) {
            for (String value : VALUES) {
                String text = nested(path, value, around);
                try {
                    assertThat(lint.apply(text)).isNotNull();
                } catch (RuntimeException | StackOverflowError e) {
                    thrown.add(path + " = " + value + " -> " + e);
                }
            }
        }
        return thrown;
    }

    @Test
    @DisplayName("a buildspec with any shape of value where a rule reads is findings, never an exception")
    void buildspec() {
        assertThat(thrown(BUILDSPEC_PATHS, "version: 0.2\n", text -> new BuildspecLinter().lint(text))).isEmpty();
    }

    @Test
    @DisplayName("an .ebextensions config with any shape of value where a rule reads is findings, never an exception")
    void ebextensions() {
        assertThat(thrown(EBEXTENSIONS_PATHS, "", text -> new ConfigLinter().lint(text))).isEmpty();
    }

    /** Whole documents: deep nesting, an alias bomb, merge keys, several documents, a long line, tabs, a BOM. */
    static final List<String> DOCUMENTS = List.of("[".repeat(20_000), "{a: ".repeat(20_000),
            "version: 0.2\nbatch:\n  build-graph:\n" + "    - identifier: a\n      depend-on:\n".repeat(1) + "        - " + "[".repeat(5_000),
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                    + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\nphases: [*e, *e, *e]\n",
            "version: 0.2\nx: &x {phases: {build: {commands: [a]}}}\n<<: *x\nphases: {<<: [*x, *x]}\n",
            "version: 0.2\n---\nversion: 0.2\n", "\uFEFFversion: 0.2\nphases:\n\tbuild: {}\n", "version: 0.2\nphases: {build: {commands: [\"" + "x".repeat(3_000_000) + "\"]}}\n",
            "!!python/object:os.system [ls]", "version: !!java.io.File [/etc]\n", "%YAML 9.9\n---\na: 1\n", "? ? ? a\n", "a: *undefined\n");

    @Test
    @DisplayName("hostile whole documents are findings, never an exception or a hang")
    void documents() {
        List<String> thrown = new ArrayList<>();
        for (String text : DOCUMENTS) {
            for (Function<String, Object> lint : List.<Function<String, Object>>of(t -> new BuildspecLinter().lint(t),
                    t -> new ConfigLinter().lint(t))) {
                try {
                    assertThat(lint.apply(text)).isNotNull();
                } catch (RuntimeException | StackOverflowError e) {
                    thrown.add(text.substring(0, Math.min(60, text.length())) + " -> " + e);
                }
            }
        }
        assertThat(thrown).isEmpty();
    }
}
