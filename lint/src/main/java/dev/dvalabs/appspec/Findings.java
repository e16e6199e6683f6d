package dev.dvalabs.appspec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

/** Collects findings while the rules walk the tree, positioned at the node they are about. */
public final class Findings {

    private final List<Finding> list = new ArrayList<>();

    public void error(Node at, String rule, String message) {
        list.add(new Finding(Finding.Severity.ERROR, Nodes.line(at), Nodes.column(at), rule, message));
    }

    public void warn(Node at, String rule, String message) {
        list.add(new Finding(Finding.Severity.WARNING, Nodes.line(at), Nodes.column(at), rule, message));
    }

    public List<Finding> sorted() {
        List<Finding> copy = new ArrayList<>(list);
        copy.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        return List.copyOf(copy);
    }
}
