package dev.dvalabs.exercise;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A task's title in a checklist or report: whole, and without Markdown's asterisks. */
class TaskTitleTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "**A table keyed by user.** `dva-labs-user-items` has the partition key `userId` (String) and the sort key\\n   `itemId`.|A table keyed by user.",
            "Create the table `orders` with a sort key. Then add items.|Create the table `orders` with a sort key.",
            "Give the mapping a filter on eventName that lets INSERT and REMOVE\\n   through and not MODIFY. The pattern is JSON.|Give the mapping a filter on eventName that lets INSERT and REMOVE through and not MODIFY.",
            "Turn on TTL|Turn on TTL",
            "First paragraph without an end\\n\\nsecond paragraph.|First paragraph without an end"})
    void titleIsTheBoldLeadOrTheFirstSentence(String item, String title) {
        assertThat(Exercise.title(item.replace("\\n", "\n"))).isEqualTo(title);
    }
}
