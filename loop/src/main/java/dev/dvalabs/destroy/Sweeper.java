package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deletes one kind of tagged resource that a stack delete left behind. One class a service, in this
 * package; {@link Teardown} lists them, so adding a service is adding its class there. Teardown reads
 * the resource's own tags through {@link #tags} right before {@link #delete}, and deletes only when they
 * still carry the exercise's tag: a sweeper never decides that by itself.
 */
public interface Sweeper {

    /** The service part of the ARNs this sweeper deletes, as in {@code arn:aws:<service>:...}. */
    String service();

    /**
     * The tags the resource's own service reports for it now, not what the tagging index remembers
     * (which lags behind deletions and, on ministack, outlives them).
     *
     * @return the tags, or empty when the resource is gone
     * @throws software.amazon.awssdk.awscore.exception.AwsServiceException when the service refuses
     */
    Optional<Map<String, String>> tags(Target target, String arn);

    /**
     * Whether a new resource given the same name gets the same ARN (a table, queue, topic, role or
     * bucket), so that tags an emulator keeps for a deleted one could pass to a learner's namesake.
     */
    default boolean arnComesFromAName() {
        return true;
    }

    /** Whether this sweeper deletes the kind of resource the ARN names (EC2's has many kinds it does not); all by default. */
    default boolean sweeps(String arn) {
        return true;
    }

    /** How every name the toolkit gives begins: its stacks' resources and its verifiers' temporary ones. */
    String TOOLKIT_NAMES = "dva-labs-";

    /**
     * The ARNs of resources that may be the toolkit's, listed by the service itself, for a service the
     * tagging index does not list (ministack's lists no Kinesis or Firehose streams); none by default.
     * {@link Teardown} still reads each one's own tags and deletes only what carries the exercise's tag.
     */
    default List<String> listed(Target target) {
        return List.of();
    }

    /**
     * Deletes the resource the ARN names, without looking at its tags again: {@link Teardown} has.
     *
     * @return what became of it: removed (with a note, for example a key's pending-deletion window and
     *     what it costs meanwhile), or already gone (the tagging index lags behind deletions)
     * @throws software.amazon.awssdk.awscore.exception.AwsServiceException when the service refuses
     */
    Swept delete(Target target, String arn);

    /**
     * What {@link #delete} would remove along with the resource (a DAX cluster's groups), judged as it judges it and
     * removing nothing, for destroy --dry-run; none by default.
     */
    default List<String> alongWith(Target target, String arn) {
        return List.of();
    }

    /** What a sweeper did with one resource. */
    record Swept(boolean removed, String note) {

        public static Swept deleted() {
            return new Swept(true, "");
        }

        public static Swept deleted(String note) {
            return new Swept(true, note);
        }

        public static Swept alreadyGone() {
            return new Swept(false, "");
        }
    }
}
