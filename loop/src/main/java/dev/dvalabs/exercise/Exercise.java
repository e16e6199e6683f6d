package dev.dvalabs.exercise;

import dev.dvalabs.lab.Lab;
import dev.dvalabs.verify.Deviation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;

/**
 * One exercise of the catalog: its {@link Lab} and what {@code exercises/<id>/exercise.yaml},
 * {@code instructions.md} and {@code deviations.yaml} beside it say.
 *
 * @param starterFails the checks the starter fails, as the contract test holds it to
 * @param deviations the checks each emulator is known to get wrong, by emulator, then check id; the entry
 *                   {@code stacks} says the exercise's stacks do not deploy on that emulator at all
 * @param emulatorNotes {@code emulator-notes.md}: what else was seen of this exercise on the emulators, or ""
 * @param corpus the emulators its mistake corpus runs on ({@code corpus:} in exercise.yaml), when it says: for an
 *               exercise whose corpus builds by hand what does run where its stacks do not deploy, or whose
 *               checks an emulator cannot judge at all (a function moto cannot run)
 */
public record Exercise(
        Lab lab,
        String title,
        List<String> services,
        String notes,
        Cost cost,
        Map<String, String> names,
        Set<String> starterFails,
        String instructions,
        Map<String, Map<String, Deviation>> deviations,
        String emulatorNotes,
        Set<String> corpus) {

    /** What leaving the solution deployed costs on real AWS. */
    public record Cost(double hourlyUsd, boolean freeTier, String note) {

        public String describe() {
            // A cent's fraction still shows: a $1-a-month key is $0.0014 an hour, not $0.00.
            String hourly = hourlyUsd > 0 && hourlyUsd < 0.01 ? String.format(Locale.ROOT, "%.4f", hourlyUsd) : String.format(Locale.ROOT, "%.2f", hourlyUsd);
            return String.format(Locale.ROOT, "about $%s an hour on real AWS%s; %s", hourly,
                    freeTier ? ", covered by the free tier" : "", note);
        }
    }

    public String id() {
        return lab.id();
    }

    private static final java.util.regex.Pattern TASK = java.util.regex.Pattern.compile("(?m)^(\\d+)\\. +(.+)$");

    /**
     * The tasks of instructions.md's "## Your tasks" section, up to the next heading: each list item's number
     * and its title, as a checklist groups the checks that judge it. The title is the item's bold lead
     * ({@code 1. **A table keyed by user.** ...}) where it has one, else its first sentence, however many lines
     * that sentence takes: a report's heading is never cut mid-sentence, nor shows Markdown's asterisks.
     */
    public java.util.SortedMap<Integer, String> tasks() {
        java.util.SortedMap<Integer, String> tasks = new java.util.TreeMap<>();
        int start = instructions.indexOf("## Your tasks");
        if (start < 0) {
            return tasks;
        }
        String section = instructions.substring(start);
        int next = section.indexOf("\n#", 1);
        String body = next < 0 ? section : section.substring(0, next);
        java.util.regex.Matcher m = TASK.matcher(body);
        List<int[]> items = new java.util.ArrayList<>();
        while (m.find()) {
            items.add(new int[] {Integer.parseInt(m.group(1)), m.start(2)});
        }
        for (int i = 0; i < items.size(); i++) {
            int end = i + 1 < items.size() ? body.lastIndexOf('\n', items.get(i + 1)[1]) : body.length();
            tasks.put(items.get(i)[0], title(body.substring(items.get(i)[1], Math.max(end, items.get(i)[1]))));
        }
        return tasks;
    }

    private static final java.util.regex.Pattern BOLD_LEAD = java.util.regex.Pattern.compile("^\\*\\*(.+?)\\*\\*");
    private static final java.util.regex.Pattern FIRST_SENTENCE = java.util.regex.Pattern.compile("^(.+?[.:?!])(\\s|$)");

    /** A task item's title: its bold lead, else its first sentence, else its first paragraph, on one line. */
    static String title(String item) {
        String paragraph = item.split("\n\\s*\n", 2)[0].strip().replaceAll("\\s*\n\\s*", " ");
        java.util.regex.Matcher bold = BOLD_LEAD.matcher(paragraph);
        if (bold.find()) {
            return bold.group(1).strip();
        }
        java.util.regex.Matcher sentence = FIRST_SENTENCE.matcher(paragraph);
        return sentence.find() ? sentence.group(1) : paragraph;
    }

    /**
     * Whether the mistake corpus runs on this emulator: on those exercise.yaml's {@code corpus:} names, when
     * it names any (its scripts build by hand only what the emulator offers); otherwise where the stacks deploy.
     */
    public boolean corpusRunsOn(String emulator) {
        return corpus.isEmpty() ? deploysOn(emulator) : corpus.contains(emulator);
    }

    /** Whether the exercise's stacks deploy on this emulator (deviations.yaml says when they do not). */
    public boolean deploysOn(String emulator) {
        return !deviationsOn(emulator).containsKey(STACKS);
    }

    /** The checks this emulator is recorded to get wrong, which its solution's run shows as SKIP. */
    public Set<String> checksSkippedOn(String emulator) {
        Set<String> checks = new java.util.TreeSet<>(deviationsOn(emulator).keySet());
        checks.remove(STACKS);
        return checks;
    }

    /** The deviations.yaml entry saying that the exercise's stacks do not deploy on that emulator. */
    private static final String STACKS = "stacks";

    /** The checks this emulator is known to get wrong, by check id; none for real AWS or an unknown emulator. */
    public Map<String, Deviation> deviationsOn(String emulator) {
        return emulator == null ? Map.of() : deviations.getOrDefault(emulator, Map.of());
    }
}
