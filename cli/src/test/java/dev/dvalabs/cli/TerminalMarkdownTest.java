package dev.dvalabs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("instructions.md in a terminal")
class TerminalMarkdownTest {

    private static final String INSTRUCTIONS = """
            # A queue's visibility

            **Goal:** see a message hidden while it is processed, and back once its visibility ends; long enough a sentence to be wrapped at forty columns.

            ## Your tasks
            1. Set the visibility timeout of `dva-labs-work` to **5 s**.
            2. Send a message:
               ```
               aws sqs send-message --queue-url URL --message-body hi
               ```

            | check | task | what it proves |
            |---|---|---|
            | visibility-timeout | 1 | the queue's visibility timeout is 5 s, which a longer sentence here makes wrap |
            """;

    @Test
    @DisplayName("reads without markup through a pipe or under NO_COLOR: headings ruled, lists numbered, tables aligned, lines wrapped")
    void plain() {
        String shown = TerminalMarkdown.render(INSTRUCTIONS, false, 60);
        assertThat(shown).doesNotContain("\u001b", "## ", "**", "|---")
                .contains("A QUEUE'S VISIBILITY\n────", "Your tasks\n──────────", "1. Set the visibility timeout of `dva-labs-work` to 5 s.",
                        "2. Send a message:\n       aws sqs send-message --queue-url URL --message-body hi");
        // Code is never wrapped: a command must stay as typed.
        assertThat(shown.lines().filter(l -> !l.contains("aws sqs"))).allMatch(l -> l.length() <= 60, "fits 60 columns");
        assertThat(shown.lines().filter(l -> l.contains(" │ ")).map(l -> l.indexOf(" │ ")).distinct()).hasSize(1);
    }

    @Test
    @DisplayName("makes headings bold and code cyan in a terminal that takes colour")
    void colour() {
        String shown = TerminalMarkdown.render(INSTRUCTIONS, true, 100);
        assertThat(shown).contains("\u001b[1mYour tasks\u001b[0m", "\u001b[36mdva-labs-work\u001b[0m");
    }
}
