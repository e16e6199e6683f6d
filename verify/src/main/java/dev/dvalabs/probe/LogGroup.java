package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import dev.dvalabs.verify.Session;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * A CloudWatch Logs log group as DescribeLogGroups showed it once (its retention, what it stores), and the scenario
 * "read its log events": a bounded read of the events matching a filter pattern, for a learner's function writes
 * what it likes into its group.
 *
 * @param retentionDays how long events are kept; empty when they never expire (AWS's default)
 */
public record LogGroup(String name, String arn, Optional<Integer> retentionDays, long storedBytes) {

    /** One log event: when it happened, and its message, trimmed and cut at {@link #MESSAGE_CAP} characters. */
    public record Event(Instant timestamp, String message) {}

    /** The longest message kept whole: a START or REPORT line is far shorter, and a learner's line may be 256 KB. */
    static final int MESSAGE_CAP = 2_000;

    /** The group of that exact name (DescribeLogGroups matches by prefix), or a refusal saying there is none. */
    public static Fact<LogGroup> read(Session session, String name) {
        return Fact.about("log group " + name, () -> session.client(CloudWatchLogsClient.class)
                        .describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                        .filter(g -> name.equals(g.logGroupName())).findFirst()
                        .map(g -> new LogGroup(g.logGroupName(), g.arn(), Optional.ofNullable(g.retentionInDays()),
                                g.storedBytes() == null ? 0 : g.storedBytes())))
                .then(found -> found.map(Fact::of).orElse(Fact.refused("log group " + name + ": no such log group")));
    }

    /**
     * The group's events since {@code since} that match {@code pattern} (CloudWatch Logs' filter syntax), oldest
     * first, at most {@code limit}; none when the group does not exist (yet: Lambda makes it on the first invoke).
     */
    public static List<Event> events(Session session, String group, Instant since, String pattern, int limit) {
        try {
            return session.client(CloudWatchLogsClient.class)
                    .filterLogEventsPaginator(r -> r.logGroupName(group).startTime(since.toEpochMilli()).filterPattern(pattern))
                    .events().stream().limit(limit)
                    .map(e -> new Event(Instant.ofEpochMilli(e.timestamp() == null ? 0 : e.timestamp()), cap(e.message())))
                    .toList();
        } catch (ResourceNotFoundException e) {
            return List.of();
        }
    }

    private static String cap(String message) {
        String trimmed = message == null ? "" : message.trim();
        return trimmed.length() <= MESSAGE_CAP ? trimmed : trimmed.substring(0, MESSAGE_CAP);
    }
}
