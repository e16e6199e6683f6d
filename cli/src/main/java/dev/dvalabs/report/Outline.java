package dev.dvalabs.report;

import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.verify.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a report groups its checks by: the exercise's title, the numbered tasks of its instructions.md and
 * the task each check judges, so that a learner reads the checklist in the order they work.
 *
 * @param tasks each task's number and first line
 * @param taskOf each check's task number; a check not named here (or of task 0) is grouped last
 */
public record Outline(String title, SortedMap<Integer, String> tasks, Map<String, Integer> taskOf) {

    public static Outline of(Exercise exercise) {
        Map<String, Integer> taskOf = new LinkedHashMap<>();
        for (var check : exercise.lab().verifier().checks()) {
            taskOf.put(check.id(), check.task());
        }
        return new Outline(exercise.title(), exercise.tasks(), taskOf);
    }

    /** Knowing only the exercise's id: every check in one group. */
    public static Outline none(String exercise) {
        return new Outline(exercise, new TreeMap<>(), Map.of());
    }

    /** A task of the instructions and the checks judging it; number 0 holds the checks of no known task. */
    public record Group(int number, String title, List<Outcome> outcomes) {

        public String heading() {
            return number == 0 ? title : "Task " + number + ". " + title;
        }
    }

    /** The outcomes by task, in the tasks' order, each group in the checklist's order; tasks without an outcome left out. */
    public List<Group> groups(List<Outcome> outcomes) {
        Map<Integer, List<Outcome>> byTask = new TreeMap<>();
        List<Outcome> other = new ArrayList<>();
        for (Outcome o : outcomes) {
            int task = taskOf.getOrDefault(o.id(), 0);
            if (tasks.containsKey(task)) {
                byTask.computeIfAbsent(task, t -> new ArrayList<>()).add(o);
            } else {
                other.add(o);
            }
        }
        List<Group> groups = new ArrayList<>();
        byTask.forEach((task, list) -> groups.add(new Group(task, Shown.line(tasks.get(task)), List.copyOf(list))));
        if (!other.isEmpty()) {
            groups.add(new Group(0, groups.isEmpty() ? "Checks" : "Other checks", List.copyOf(other)));
        }
        return groups;
    }
}
