package dev.dvalabs.appspec;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
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
 * Position-aware reading of the small YAML or JSON files AWS services take (an AppSpec, an
 * {@code .ebextensions} config, a buildspec): the node tree with its line and column marks, or one
 * {@link Finding} saying why there is none. Hostile input (alias bombs, deep nesting, huge files, bytes
 * that are not UTF-8) becomes a finding too, never an exception.
 */
public final class YamlText {

    /** These files are a few hundred bytes; anything past this is not one and is not parsed. */
    public static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_ALIASES = 20;
    static final int MAX_DEPTH = 64;

    /** What kind of file is read, for the findings' sentences: "an appspec.yml", "AppSpec file". */
    public record Kind(String oneFile, String name) {
    }

    /** The composed root (null for an empty document), or the one finding that stopped the reading. */
    public record Parsed(Node root, Finding failure) {
    }

    /** The top-level mapping these files all are, or the one finding saying why the text is none. */
    public record Top(MappingNode mapping, Finding failure) {
    }

    /**
     * Reads text that must be a mapping at its top.
     *
     * @param whenEmpty the sentence for an empty file
     * @param sections what the top level holds, for the sentence when it is a list or a scalar ("version:, os:, hooks: ...")
     */
    public static Top top(String text, Kind kind, String whenEmpty, String sections) {
        Parsed parsed = parse(text, kind);
        if (parsed.failure() != null) {
            return new Top(null, parsed.failure());
        }
        Node root = parsed.root();
        if (root == null || Nodes.isNull(root)) {
            return new Top(null, new Finding(Finding.Severity.ERROR, 1, 1, "empty-file", whenEmpty));
        }
        if (!(root instanceof MappingNode mapping)) {
            return new Top(null, new Finding(Finding.Severity.ERROR, Nodes.line(root), Nodes.column(root), "not-a-mapping",
                    "Make the top level a mapping of " + sections + "; this file holds " + Nodes.kind(root) + "."));
        }
        return new Top(mapping, null);
    }

    private YamlText() {
    }

    /** The text of the bytes when they are UTF-8, without a byte-order mark; empty when they are not text. */
    public static Optional<String> decode(byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            // Editors on Windows save UTF-8 with a byte-order mark, which YAML parsers reject mid-stream.
            return Optional.of(text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    public static Finding notText(Kind kind) {
        return new Finding(Finding.Severity.ERROR, 1, 1, "not-text",
                "Save the file as UTF-8 text; this one holds bytes that are not UTF-8, so it is not " + article(kind.name()) + ".");
    }

    public static Finding tooLarge(Kind kind, long size) {
        return new Finding(Finding.Severity.ERROR, 1, 1, "file-too-large",
                "Point the linter at " + kind.oneFile() + "; this file has " + size + " bytes, over the "
                        + MAX_BYTES + "-byte limit, so it was not parsed.");
    }

    /**
     * AWS's own JSON examples are indented with tabs, which JSON allows and SnakeYAML's YAML 1.1 refuses.
     * A raw tab cannot be inside a JSON string, so in a file that is JSON every tab is whitespace and
     * becomes a space, one for one, keeping lines and columns.
     */
    public static String jsonTabsAsSpaces(String text) {
        return text.stripLeading().startsWith("{") ? text.replace('\t', ' ') : text;
    }

    /**
     * Composes the node tree (not Java objects) with limits set low: these files need no aliases to speak
     * of and little nesting, and the limits are what keep billion-laughs and deep-nesting input cheap.
     */
    public static Parsed parse(String yaml, Kind kind) {
        if (yaml.length() > MAX_BYTES || yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return new Parsed(null, tooLarge(kind, yaml.getBytes(StandardCharsets.UTF_8).length));
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_BYTES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Parsed(new Yaml(options).compose(new StringReader(jsonTabsAsSpaces(yaml))), null);
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
            return new Parsed(null, limitFinding(String.valueOf(e.getMessage()), kind));
        } catch (StackOverflowError e) {
            return new Parsed(null, limitFinding("Nesting Depth exceeded", kind));
        }
    }

    private static Finding limitFinding(String message, Kind kind) {
        if (message.contains("aliases")) {
            return new Finding(Finding.Severity.ERROR, 1, 1, "yaml-aliases",
                    "Write the sections out without YAML aliases; this file uses more than " + MAX_ALIASES
                            + " aliases to collections, which is how alias bombs blow up.");
        }
        if (message.contains("Nesting Depth")) {
            return new Finding(Finding.Severity.ERROR, 1, 1, "yaml-too-deep",
                    "Flatten the file; it nests deeper than " + MAX_DEPTH + " levels, which no " + kind.name() + " needs.");
        }
        if (message.contains("exceeds the limit")) {
            return tooLarge(kind, MAX_BYTES + 1L);
        }
        return new Finding(Finding.Severity.ERROR, 1, 1, "yaml-syntax", "Fix the YAML: " + message + ".");
    }

    /** Duplicate and non-scalar keys anywhere: YAML keeps the last duplicate, silently dropping the first. */
    public static void checkKeys(MappingNode root, Findings findings, Kind kind) {
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
                                "Use a plain name as the key here; " + kind.name() + " keys are strings, not lists or mappings.");
                    }
                    pending.push(tuple.getValueNode());
                }
            } else if (node instanceof SequenceNode sequence) {
                sequence.getValue().forEach(pending::push);
            }
        }
    }

    private static String article(String name) {
        return ("AEIOU".indexOf(Character.toUpperCase(name.charAt(0))) >= 0 ? "an " : "a ") + name;
    }
}
