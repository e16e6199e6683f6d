package dev.dvalabs.deploy;

import dev.dvalabs.targets.Target;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Locale;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/**
 * Waits for a stack operation while printing each new stack event as a progress line. The SDK's
 * CloudFormation waiters wait just as well but cannot show events as they come, which is what a
 * learner watching a deploy needs; so this polls DescribeStackEvents itself, with a deadline.
 */
public final class StackProgress {

    private final CloudFormationClient cloudFormation;
    private final PrintWriter out;
    private final Duration poll;
    /** The first look again at a stack on an emulator (a poll under a second); each next waits twice as long, up to the poll. */
    private static final Duration FIRST_POLL = Duration.ofMillis(20);
    private final Duration timeout;

    public StackProgress(CloudFormationClient cloudFormation, PrintWriter out, Duration poll, Duration timeout) {
        this.cloudFormation = cloudFormation;
        this.out = out;
        this.poll = poll;
        this.timeout = timeout;
    }

    /** Progress for stacks on a target: emulators answer at once, real AWS is polled every two seconds. */
    public static StackProgress on(Target target, CloudFormationClient cloudFormation, PrintWriter out) {
        Duration poll = target.endpoint().isPresent() ? Duration.ofMillis(250) : Duration.ofSeconds(2);
        return new StackProgress(cloudFormation, out, poll, Duration.ofMinutes(30));
    }

    /** How often it polls, for other waits on the same target. */
    public Duration poll() {
        return poll;
    }

    /** The stack by name, or empty when it does not exist (or was deleted). */
    public Optional<Stack> find(String stackName) {
        try {
            return cloudFormation.describeStacks(r -> r.stackName(stackName)).stacks().stream().findFirst()
                    .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE);
        } catch (CloudFormationException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * The ids of the events a stack has so far, so that waiting on its next operation shows only that
     * operation's events (comparing ids, not timestamps, because an emulator's clock need not match ours).
     */
    public Set<String> eventsSoFar(String stackName) {
        Set<String> ids = new HashSet<>();
        events(stackName, Set.of()).forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    /**
     * Waits until the stack (by id, so a deleted stack can still be followed) is no longer in progress,
     * printing the events not in {@code before}. Returns the final stack, or empty once it is deleted.
     */
    public Optional<Stack> await(String stackId, Set<String> before) {
        return await(stackId, before, 0);
    }

    /**
     * As {@link #await(String, Set)}, counting resources that finished against {@code resources} (when
     * known) so that each progress line says how far along the operation is.
     */
    public Optional<Stack> await(String stackId, Set<String> before, int resources) {
        Set<String> seen = new HashSet<>(before);
        int[] finished = {0};
        Instant deadline = Instant.now().plus(timeout);
        Duration wait = poll.compareTo(Duration.ofSeconds(1)) < 0 ? FIRST_POLL : poll; // real AWS: every poll from the start
        while (true) {
            Optional<Stack> stack = find(stackId);
            printNewEvents(stackId, seen, resources, finished);
            if (stack.isEmpty() || !stack.get().stackStatusAsString().endsWith("_IN_PROGRESS")) {
                return stack;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new DeployException("Stack " + stack.get().stackName() + " is still "
                        + stack.get().stackStatusAsString() + " after " + timeout.toMinutes()
                        + " minutes; run the command again to keep waiting, or look at it in the CloudFormation console.");
            }
            sleep(wait);
            // An emulator finishes a stack within a fraction of a second: look again soon, then less often.
            wait = wait.multipliedBy(2).compareTo(poll) < 0 ? wait.multipliedBy(2) : poll;
        }
    }

    /** The first resource failure among the events not in {@code before}, as "Orders (AWS::DynamoDB::Table): reason". */
    public Optional<String> firstFailure(String stackId, Set<String> before) {
        List<StackEvent> events = new ArrayList<>(events(stackId, before));
        java.util.Collections.reverse(events); // oldest first: the first failure caused the rest
        return events.stream()
                .filter(e -> e.resourceStatusAsString().endsWith("_FAILED"))
                .filter(e -> !"AWS::CloudFormation::Stack".equals(e.resourceType()))
                .findFirst()
                .map(e -> e.logicalResourceId() + " (" + e.resourceType() + "): " + reason(e.resourceStatusReason()));
    }

    /**
     * A resource's status reason as a sentence: ministack's CloudFormation passes on the service's whole error
     * body, as a Python bytes literal of XML, where AWS gives only its message.
     */
    public static String reason(String statusReason) {
        if (statusReason == null) {
            return "";
        }
        java.util.regex.Matcher message = ERROR_MESSAGE.matcher(statusReason);
        if (!message.find()) {
            return statusReason;
        }
        java.util.regex.Matcher code = ERROR_CODE.matcher(statusReason);
        return (code.find() ? code.group(1) + ": " : "") + message.group(1).strip();
    }

    private static final java.util.regex.Pattern ERROR_MESSAGE = java.util.regex.Pattern.compile("<Message>(.*?)</Message>", java.util.regex.Pattern.DOTALL);
    private static final java.util.regex.Pattern ERROR_CODE = java.util.regex.Pattern.compile("<Code>(.*?)</Code>");

    private void printNewEvents(String stackId, Set<String> seen, int resources, int[] finished) {
        List<StackEvent> fresh = new ArrayList<>();
        for (StackEvent event : events(stackId, Set.of())) {
            if (seen.add(event.eventId())) {
                fresh.add(event);
            }
        }
        java.util.Collections.reverse(fresh);
        for (StackEvent e : fresh) {
            String reason = e.resourceStatusReason() == null || e.resourceStatusReason().isBlank()
                    ? "" : "  " + reason(e.resourceStatusReason());
            boolean resource = !"AWS::CloudFormation::Stack".equals(e.resourceType());
            if (resource && (e.resourceStatusAsString().endsWith("_COMPLETE") || e.resourceStatusAsString().endsWith("_FAILED"))) {
                finished[0]++;
            }
            String count = resources > 0 ? String.format(Locale.ROOT, "[%d/%d] ", Math.min(finished[0], resources), resources) : "";
            out.printf(Locale.ROOT, "  %s%-20s %-28s %s%s%n", count, e.resourceStatusAsString(), e.resourceType(), e.logicalResourceId(), reason);
        }
    }

    private List<StackEvent> events(String stackId, Set<String> before) {
        try {
            // Newest first; the first page holds everything a single exercise's operation produces.
            return cloudFormation.describeStackEvents(r -> r.stackName(stackId)).stackEvents().stream()
                    .filter(e -> !before.contains(e.eventId()))
                    .toList();
        } catch (CloudFormationException e) {
            return List.of();
        }
    }

    private void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("Interrupted while waiting for CloudFormation; run labs destroy to clean up.");
        }
    }
}
