package dev.dvalabs.appspec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Small readers over SnakeYAML's node tree, which keeps the marks that findings need. */
public final class Nodes {

    /** A mapping entry whose key is a scalar, with the key node kept for its position. */
    public record Entry(String key, ScalarNode keyNode, Node value) {
    }

    private Nodes() {
    }

    public static int line(Node node) {
        return node == null ? 1 : node.getStartMark().getLine() + 1;
    }

    public static int column(Node node) {
        return node == null ? 1 : node.getStartMark().getColumn() + 1;
    }

    /** Entries with scalar keys, in file order; entries with other keys are left to the caller's checks. */
    public static List<Entry> entries(MappingNode mapping) {
        List<Entry> result = new ArrayList<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key) {
                result.add(new Entry(key.getValue(), key, tuple.getValueNode()));
            }
        }
        return result;
    }

    public static Optional<Entry> find(MappingNode mapping, String key) {
        return entries(mapping).stream().filter(e -> e.key().equals(key)).findFirst();
    }

    public static Optional<Entry> findIgnoreCase(MappingNode mapping, String key) {
        return entries(mapping).stream().filter(e -> e.key().equalsIgnoreCase(key)).findFirst();
    }

    public static Optional<String> text(Node node) {
        if (node instanceof ScalarNode scalar && !isNull(scalar)) {
            return Optional.of(scalar.getValue());
        }
        return Optional.empty();
    }

    /** The scalar's text when it is a non-blank string-like scalar, else empty. */
    public static Optional<String> nonBlankText(Node node) {
        return text(node).map(String::strip).filter(s -> !s.isEmpty());
    }

    public static boolean isNull(Node node) {
        return node == null || (node instanceof ScalarNode s && Tag.NULL.equals(s.getTag()));
    }

    public static boolean isPlainScalar(Node node) {
        return node instanceof ScalarNode s && s.isPlain();
    }

    public static boolean isMapping(Node node) {
        return node instanceof MappingNode;
    }

    public static boolean isSequence(Node node) {
        return node instanceof SequenceNode;
    }

    public static String kind(Node node) {
        if (isNull(node)) {
            return "nothing";
        }
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        return "the scalar '" + ((ScalarNode) node).getValue() + "'";
    }

    /** The closest candidate within two edits (ignoring case), for "did you mean" hints. */
    public static Optional<String> closest(String word, List<String> candidates) {
        String best = null;
        int bestDistance = 3;
        for (String candidate : candidates) {
            int d = distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int distance(String a, String b) {
        if (Math.abs(a.length() - b.length()) > 2 || a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
