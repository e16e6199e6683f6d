package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Offline linter for CodeDeploy AppSpec files (appspec.yml / appspec.yaml / appspec.json) on all
 * three compute platforms. Rules follow the AWS CodeDeploy user guide's AppSpec reference pages:
 * file structure, 'files', 'permissions', 'resources' and 'hooks'.
 *
 * <p>Every problem becomes a {@link Finding}; malformed or hostile input gives one finding too,
 * never an exception, because learners paste all sorts of things into these files.
 */
public final class AppSpecLinter {

    /** AppSpec files are a few hundred bytes; anything past this is not one and is not parsed. */
    public static final int MAX_BYTES = YamlText.MAX_BYTES;
    private static final YamlText.Kind KIND = new YamlText.Kind("an appspec.yml", "AppSpec file");

    /** Lints a file; hook and files paths are also checked against the directory holding it. */
    public List<Finding> lint(Path file) throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            return List.of(YamlText.tooLarge(KIND, size));
        }
        Optional<String> text = YamlText.decode(Files.readAllBytes(file));
        if (text.isEmpty()) {
            return List.of(YamlText.notText(KIND));
        }
        Path dir = file.toAbsolutePath().getParent();
        return lint(text.get(), name, dir);
    }

    /** Lints text only: paths in hooks and files are checked for form but not for existence. */
    public List<Finding> lint(String yaml, String fileName) {
        return lint(yaml, fileName, null);
    }

    List<Finding> lint(String yaml, String fileName, Path bundleRoot) {
        YamlText.Top top = YamlText.top(yaml, KIND, "Write the AppSpec content, starting with 'version: 0.0'; this file is empty.",
                "sections (version:, os:, hooks: ...)");
        if (top.failure() != null) {
            return List.of(top.failure());
        }
        MappingNode mapping = top.mapping();
        Findings findings = new Findings();
        YamlText.checkKeys(mapping, findings, KIND);
        ComputePlatform platform = detectPlatform(mapping, findings);
        if (platform == null) {
            return findings.sorted();
        }
        checkVersion(mapping, platform, findings);
        if (platform == ComputePlatform.SERVER) {
            new ServerRules(findings, mapping, bundleRoot).check();
        } else {
            new ServerlessRules(findings, mapping, platform).check();
        }
        return findings.sorted();
    }

    /** Which platform the file targets, as CodeDeploy would read it; null when it cannot tell. */
    public static Optional<ComputePlatform> platformOf(Node root) {
        if (root instanceof MappingNode mapping) {
            return Optional.ofNullable(detectPlatform(mapping, new Findings()));
        }
        return Optional.empty();
    }

    /** The node tree of an AppSpec's text with its marks, or the finding that stopped the reading. */
    static YamlText.Parsed parse(String yaml) {
        return YamlText.parse(yaml, KIND);
    }

    private static ComputePlatform detectPlatform(MappingNode root, Findings findings) {
        Optional<Nodes.Entry> resources = Nodes.findIgnoreCase(root, "resources");
        if (resources.isEmpty()) {
            return ComputePlatform.SERVER;
        }
        Node value = resources.get().value();
        if (!(value instanceof SequenceNode)) {
            findings.error(value, "resources-not-list", "Write resources as a list item, '- MyResource:' followed by its "
                    + "indented Type and Properties.");
            return null;
        }
        boolean lambda = false;
        boolean ecs = false;
        for (Node item : ((SequenceNode) value).getValue()) {
            String type = ServerlessRules.resourceType(item).orElse("");
            lambda |= type.equals(ServerlessRules.LAMBDA_TYPE);
            ecs |= type.equals(ServerlessRules.ECS_TYPE);
        }
        if (lambda && ecs) {
            findings.error(value, "resources-mixed", "Split the file in two; one AppSpec file deploys either a "
                    + "Lambda function or an ECS service, not both.");
            return null;
        }
        if (lambda) {
            return ComputePlatform.LAMBDA;
        }
        if (ecs) {
            return ComputePlatform.ECS;
        }
        findings.error(resources.get().keyNode(), "resource-type", "Give the resource 'Type: "
                + ServerlessRules.LAMBDA_TYPE + "' or 'Type: " + ServerlessRules.ECS_TYPE
                + "'; an EC2/On-Premises AppSpec has no resources section.");
        return null;
    }

    private static void checkVersion(MappingNode root, ComputePlatform platform, Findings findings) {
        Optional<Nodes.Entry> version = platform == ComputePlatform.SERVER
                ? Nodes.find(root, "version") : Nodes.findIgnoreCase(root, "version");
        if (version.isEmpty()) {
            findings.error(root, "version-missing", "Add 'version: 0.0' at the top; every AppSpec file needs it.");
            return;
        }
        Node value = version.get().value();
        if (!Nodes.text(value).map(String::strip).filter("0.0"::equals).isPresent()) {
            findings.error(value, "version-value", "Set version to 0.0, the only value CodeDeploy accepts (found "
                    + Nodes.kind(value) + ").");
        } else if (platform == ComputePlatform.SERVER && !Nodes.isPlainScalar(value)) {
            findings.error(value, "version-quoted", "Write version: 0.0 without quotes; the EC2/On-Premises agent "
                    + "compares it with the number 0.0 and rejects the string \"0.0\".");
        }
    }
}
