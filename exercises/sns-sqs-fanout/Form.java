package dev.dvalabs.exercises.snssqsfanout;

import dev.dvalabs.exercises.snssqsfanout.SnsSqsFanoutVerifier.Fanout;
import dev.dvalabs.probe.Sns;
import java.util.List;
import java.util.Optional;

/** How a queue received the SHIPPED event, in the checklist's words. */
enum Form {
    BARE("the bare message"), ENVELOPE("an SNS envelope from the topic"), NOTHING("nothing"), OTHER("something else");

    private final String words;

    Form(String words) {
        this.words = words;
    }

    /** The form in which a queue received the SHIPPED event: bare, in an envelope from the topic, or not at all. */
    static Form of(Fanout fanout, List<String> bodies) {
        Optional<String> body = bodies.stream().filter(b -> Sns.carries(b, fanout.matching())).findFirst();
        if (body.isEmpty()) {
            return NOTHING;
        }
        if (body.get().equals(fanout.matching())) {
            return BARE;
        }
        return Sns.envelope(body.get()).filter(e -> "Notification".equals(e.path("Type").asText())
                && fanout.topicArn().equals(e.path("TopicArn").asText())).isPresent() ? ENVELOPE : OTHER;
    }

    @Override
    public String toString() {
        return words;
    }
}
