package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * CloudWatch Logs log groups, by {@code arn:aws:logs:region:account:log-group:name}: those carrying the
 * exercise's tag, and the untagged group Lambda makes for a function on its first invocation when that
 * function is the exercise's (see {@link #deleteGroupOfFunction}).
 */
public final class LogsSweeper implements Sweeper {

    private static final String PREFIX = ":log-group:";

    @Override
    public String service() {
        return "logs";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder())) {
            if (find(logs, name(arn)).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Map.copyOf(logs.listTagsForResource(r -> r.resourceArn(withoutStar(arn))).tags()));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder())) {
            logs.deleteLogGroup(r -> r.logGroupName(name(arn)));
            return Swept.deleted();
        } catch (ResourceNotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    /**
     * Deletes the log group a function of the exercise wrote to, which Lambda made untagged. It is the
     * exercise's only when it was made no earlier than the function was: a group of that name made before
     * is an older function's of the same name, perhaps the learner's, and is left.
     *
     * @param group the function's log group, {@code /aws/lambda/<function>} unless its logging config names another
     * @param functionSince when the exercise's function was made, at the latest
     * @return what became of the group: a line for the removed list, or empty when there was none or it was left
     */
    public static Optional<String> deleteGroupOfFunction(Target target, String group, Instant functionSince,
                                                         java.io.PrintWriter out) {
        return groupOfFunction(target, group, functionSince, out, true);
    }

    /** {@link #deleteGroupOfFunction}, deleting only when {@code delete} (else judging alone, for destroy --dry-run). */
    static Optional<String> groupOfFunction(Target target, String group, Instant functionSince, java.io.PrintWriter out,
                                            boolean delete) {
        try (CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder())) {
            Optional<LogGroup> found = find(logs, group);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Instant created = Instant.ofEpochMilli(found.get().creationTime());
            if (created.isBefore(functionSince)) {
                out.println("Left log group " + group + " as it is: it was made at " + created + ", before the exercise's"
                        + " function of that name (" + functionSince + "), so it is another function's.");
                return Optional.empty();
            }
            if (delete) {
                logs.deleteLogGroup(r -> r.logGroupName(group));
            }
            return Optional.of("log group " + group + " (written by the exercise's function)");
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /**
     * Deletes a log group a function of the exercise was pointed at by its logging config, only when the
     * group's own tags say it is the exercise's: otherwise it is the learner's (or no one's the toolkit knows),
     * and is left, with a line saying so.
     *
     * @return a line for the removed list, or empty when there was no such group or it was left
     */
    public static Optional<String> deleteGroupIfTagged(Target target, String group, String exerciseId, java.io.PrintWriter out) {
        return groupIfTagged(target, group, exerciseId, out, true);
    }

    /** {@link #deleteGroupIfTagged}, deleting only when {@code delete} (else judging alone, for destroy --dry-run). */
    static Optional<String> groupIfTagged(Target target, String group, String exerciseId, java.io.PrintWriter out,
                                          boolean delete) {
        try (CloudWatchLogsClient logs = target.client(CloudWatchLogsClient.builder())) {
            Optional<LogGroup> found = find(logs, group);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            // Read as a sweep reads them: a deleted stack's tags that ministack keeps on a group remade by hand do not count.
            Map<String, String> tags = ResourceTags.read(target, new LogsSweeper(), withoutStar(found.get().arn())).orElse(Map.of());
            if (!ResourceTags.marks(tags, exerciseId)) {
                out.println("Left log group " + group + " as it is: the exercise's function was pointed at it, but Lambda did"
                        + " not make it for the function and its own tags do not say " + dev.dvalabs.cdk.ExerciseStack.TAG_EXERCISE
                        + "=" + exerciseId + ".");
                return Optional.empty();
            }
            if (delete) {
                logs.deleteLogGroup(r -> r.logGroupName(group));
            }
            return Optional.of("log group " + group + " (tagged " + dev.dvalabs.cdk.ExerciseStack.TAG_EXERCISE + "=" + exerciseId
                    + ", written by the exercise's function)");
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** The group of exactly that name: DescribeLogGroups matches by prefix. */
    private static Optional<LogGroup> find(CloudWatchLogsClient logs, String name) {
        return logs.describeLogGroupsPaginator(r -> r.logGroupNamePrefix(name)).logGroups().stream()
                .filter(g -> name.equals(g.logGroupName())).findFirst();
    }

    private static String name(String arn) {
        return withoutStar(arn.substring(arn.indexOf(PREFIX) + PREFIX.length()));
    }

    /** A log group's ARN as DescribeLogGroups gives it ends in {@code :*}; the tagging API wants it without. */
    private static String withoutStar(String arnOrName) {
        return arnOrName.endsWith(":*") ? arnOrName.substring(0, arnOrName.length() - 2) : arnOrName;
    }
}
