package dev.dvalabs.buildspec;

import dev.dvalabs.appspec.Findings;
import dev.dvalabs.appspec.Nodes;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A buildspec's batch section, as the batch build buildspec reference documents it
 * (https://docs.aws.amazon.com/codebuild/latest/userguide/batch-build-buildspec.html): its build types, each
 * build-graph or build-list task's identifier, and depend-on naming tasks of the same graph.
 */
final class Batch {

    private Batch() {
    }

    /**
     * The batch section: its build types, and each build-graph or build-list task's identifier. True when it
     * has tasks and every one names its own buildspec, so that none runs this file's phases.
     */
    static boolean check(Nodes.Entry batch, Findings findings) {
        if (!(batch.value() instanceof MappingNode mapping)) {
            findings.error(batch.value(), "batch-not-mapping", "Write batch as a mapping (fast-fail:, build-list: ...);"
                    + " found " + Nodes.kind(batch.value()) + ".");
            return false;
        }
        BuildspecLinter.knownKeys(mapping, Keys.BATCH, "batch", findings);
        boolean anyTask = false;
        boolean everyOwn = true;
        for (String type : Keys.BATCH_TASK_LISTS) {
            Optional<Nodes.Entry> tasks = Nodes.find(mapping, type);
            if (tasks.isEmpty()) {
                continue;
            }
            if (!(tasks.get().value() instanceof SequenceNode list)) {
                findings.error(tasks.get().value(), "batch-tasks-not-list", "Write " + type + " as a list of tasks, each"
                        + " starting '- identifier: name'; found " + Nodes.kind(tasks.get().value()) + ".");
                everyOwn = false;
                continue;
            }
            for (Node task : list.getValue()) {
                anyTask = true;
                if (!(task instanceof MappingNode body)) {
                    findings.error(task, "batch-task-not-mapping", "Write each " + type + " task as a mapping with its"
                            + " identifier:; found " + Nodes.kind(task) + ".");
                    everyOwn = false;
                    continue;
                }
                if (Nodes.find(body, "identifier").flatMap(e -> Nodes.nonBlankText(e.value())).isEmpty()) {
                    findings.error(task, "batch-identifier", "Give this " + type + " task its identifier: (a name"
                            + " other tasks' depend-on can use); CodeBuild requires one for every task.");
                }
                everyOwn &= Nodes.find(body, "buildspec").flatMap(e -> Nodes.nonBlankText(e.value())).isPresent();
            }
            if (type.equals("build-graph")) {
                dependOn(list, findings);
            }
        }
        Optional<Nodes.Entry> matrix = Nodes.find(mapping, "build-matrix");
        if (matrix.isPresent()) {
            anyTask = true;
            // The matrix's tasks use the buildspec files of dynamic: buildspec:, or this one when there are none.
            everyOwn &= matrix.get().value() instanceof MappingNode m && Nodes.find(m, "dynamic")
                    .filter(d -> d.value() instanceof MappingNode).flatMap(d -> Nodes.find((MappingNode) d.value(), "buildspec"))
                    .filter(b -> b.value() instanceof SequenceNode seq && !seq.getValue().isEmpty()).isPresent();
        }
        if (Nodes.find(mapping, "build-fanout").isPresent()) {
            // A fanout's builds all run this buildspec.
            anyTask = true;
            everyOwn = false;
        }
        return anyTask && everyOwn;
    }

    /** A build-graph task's depend-on lists identifiers of tasks in the same graph. */
    private static void dependOn(SequenceNode graph, Findings findings) {
        List<String> identifiers = graph.getValue().stream().filter(t -> t instanceof MappingNode)
                .flatMap(t -> Nodes.find((MappingNode) t, "identifier").flatMap(e -> Nodes.nonBlankText(e.value())).stream())
                .toList();
        for (Node task : graph.getValue()) {
            if (!(task instanceof MappingNode body)) {
                continue;
            }
            Nodes.find(body, "depend-on").ifPresent(dependOn -> {
                if (!(dependOn.value() instanceof SequenceNode names)) {
                    findings.error(dependOn.value(), "batch-depend-on", "Write depend-on as a list of task identifiers;"
                            + " found " + Nodes.kind(dependOn.value()) + ".");
                    return;
                }
                for (Node name : names.getValue()) {
                    Optional<String> text = Nodes.nonBlankText(name);
                    if (text.isEmpty() || !identifiers.contains(text.get())) {
                        findings.error(name, "batch-depend-on", "Name a task of this build-graph in depend-on (it has "
                                + String.join(", ", identifiers) + "); " + text.map(t -> "'" + t + "'")
                                .orElse(Nodes.kind(name)) + " is none of them.");
                    }
                }
            });
        }
    }
}
