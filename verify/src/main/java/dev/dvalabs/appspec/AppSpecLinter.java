package dev.dvalabs.appspec;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
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
    public static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 64;

    /** Lints a file; hook and files paths are also checked against the directory holding it. */
    public List<Finding> lint(Path file) throws IOException {
        String name = file.toString();
        long size = Files.size(file);
        if (size > MAX_BYTES) {
            return List.of(tooLarge(size));
        }
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // Editors on Windows save UTF-8 with a byte-order mark, which YAML parsers reject mid-stream.
            if (text.startsWith("\uFEFF")) {
                text = text.substring(1);
            }
        } catch (CharacterCodingException e) {
            return List.of(new Finding(Finding.Severity.ERROR, 1, 1, "not-text",
                    "Save the file as UTF-8 text; this one holds bytes that are not UTF-8, so it is not an AppSpec file."));
        }
        Path dir = file.toAbsolutePath().getParent();
        return lint(text, name, dir);
    }

    /** Lints text only: paths in hooks and files are checked for form but not for existence. */
    public List<Finding> lint(String yaml, String fileName) {
        return lint(yaml, fileName, null);
    }

    List<Finding> lint(String yaml, String fileName, Path bundleRoot) {
        if (yaml.length() > MAX_BYTES || yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return List.of(tooLarge(yaml.getBytes(StandardCharsets.UTF_8).length));
        }
        Parsed parsed = parse(jsonTabsAsSpaces(yaml));
        if (parsed.failure != null) {
            return List.of(parsed.failure);
        }
        Node root = parsed.root;
        if (root == null || Nodes.isNull(root)) {
            return List.of(new Finding(Finding.Severity.ERROR, 1, 1, "empty-file",
                    "Write the AppSpec content, starting with 'version: 0.0'; this file is empty."));
        }
        if (!(root instanceof MappingNode mapping)) {
            return List.of(new Finding(Finding.Severity.ERROR, Nodes.line(root), Nodes.column(root), "not-a-mapping",
                    "Make the top level a mapping of sections (version:, os:, hooks: ...); this file holds "
                            + Nodes.kind(root) + "."));
        }
        Findings findings = new Findings();
        checkKeys(mapping, findings);
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

    private static Finding tooLarge(long size) {
        return new Finding(Finding.Severity.ERROR, 1, 1, "file-too-large",
                "Point the linter at an appspec.yml; this file has " + size + " bytes, over the "
                        + MAX_BYTES + "-byte limit, so it was not parsed.");
    }

    record Parsed(Node root, Finding failure) {
    }

    /**
     * AWS's own appspec.json examples are indented with tabs, which JSON allows and SnakeYAML's
     * YAML 1.1 refuses. A raw tab cannot be inside a JSON string, so in a file that is JSON every
     * tab is whitespace and becomes a space, one for one, keeping lines and columns.
     */
    static String jsonTabsAsSpaces(String text) {
        return text.stripLeading().startsWith("{") ? text.replace('\t', ' ') : text;
    }

    /**
     * Composes the node tree (not Java objects) with limits set low: an AppSpec needs no aliases to
     * speak of and little nesting, and the limits are what keep billion-laughs and deep-nesting input cheap.
     */
    static Parsed parse(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Parsed(new Yaml(options).compose(new StringReader(yaml)), null);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 1 : mark.getLine() + 1;
            int column = mark == null ? 1 : mark.getColumn() + 1;
            String problem = e.getProblem() == null ? "unreadable YAML" : e.getProblem();
            String hint = problem.contains("alias") || problem.contains("anchor")
                    ? " (a value starting with * or & must be quoted, e.g. pattern: \"*.txt\")" : "";
            return new Parsed(null, new Finding(Finding.Severity.ERROR, line, column, "yaml-syntax",
                    "Fix the YAML here: " + problem + hint + "."));
        } catch (YAMLException e) {
            return new Parsed(null, limitFinding(String.valueOf(e.getMessage())));
        } catch (StackOverflowError e) {
            return new Parsed(null, limitFinding("Nesting Depth exceeded"));
        }
    }

    private static Finding limitFinding(String message) {
        if (message.contains("aliases")) {
            return new Finding(Finding.Severity.ERROR, 1, 1, "yaml-aliases",
                    "Write the sections out without YAML aliases; this file uses more than " + MAX_ALIASES
                            + " aliases to collections, which is how alias bombs blow up.");
        }
        if (message.contains("Nesting Depth")) {
            return new Finding(Finding.Severity.ERROR, 1, 1, "yaml-too-deep",
                    "Flatten the file; it nests deeper than " + MAX_DEPTH + " levels, which no AppSpec file needs.");
        }
        if (message.contains("exceeds the limit")) {
            return tooLarge(MAX_BYTES + 1L);
        }
        return new Finding(Finding.Severity.ERROR, 1, 1, "yaml-syntax", "Fix the YAML: " + message + ".");
    }

    /** Duplicate and non-scalar keys anywhere: YAML keeps the last duplicate, silently dropping the first. */
    private static void checkKeys(MappingNode root, Findings findings) {
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!visited.add(node)) {
                continue;
            }
            if (node instanceof MappingNode mapping) {
                Map<String, Node> keys = new HashMap<>();
                for (NodeTuple tuple : mapping.getValue()) {
                    if (tuple.getKeyNode() instanceof ScalarNode key) {
                        if (keys.putIfAbsent(key.getValue(), key) != null) {
                            findings.error(key, "duplicate-key", "Remove one of the two '" + key.getValue()
                                    + "' keys in this mapping; YAML keeps only the last one.");
                        }
                    } else {
                        findings.error(tuple.getKeyNode(), "key-not-scalar",
                                "Use a plain name as the key here; AppSpec keys are strings, not lists or mappings.");
                    }
                    pending.push(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            }
        }
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
