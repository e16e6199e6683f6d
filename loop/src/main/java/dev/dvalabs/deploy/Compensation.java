package dev.dvalabs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dvalabs.targets.Target;
import java.util.Map;
import java.util.Set;

/**
 * A property that an emulator's CloudFormation ignores (or fails on) although the emulator's API supports it. The
 * deployer applies it through the API right after the stack is up, on that emulator only, so that the
 * check on it stays as strict there as on AWS. Each one is listed in docs/compatibility.md.
 */
interface Compensation {

    /** The emulators whose CloudFormation ignores the property (ministack, moto). */
    Set<String> emulators();

    /** The resource type it applies to. */
    String resourceType();

    /** What it does, for the compatibility page: "TimeToLiveSpecification through UpdateTimeToLive". */
    String describe();

    /**
     * Whether the emulator's CloudFormation leaves resources of this type out of the stack altogether
     * (moto's skips AWS::SNS::Subscription): then the compensation creates each one the template declares,
     * and it is applied only where the stack has no such resource.
     */
    default boolean createsSkipped() {
        return false;
    }

    /**
     * Properties the emulator's CloudFormation fails on although its API takes them (moto's on a KMS
     * key's Tags and KeyPolicy), each with what the deployer sends in its place there: a JSON null leaves
     * it out. {@link #apply} then sets the real value. None by default: a property it merely ignores can
     * stay in the template.
     */
    default Map<String, JsonNode> withheld() {
        return Map.of();
    }

    /**
     * Applies the resource's property through the API when the template sets it; does nothing otherwise.
     *
     * @param physicalId the stack resource's physical id (a table name, a topic ARN, a bucket name); null
     *     for a resource the stack left out ({@link #createsSkipped})
     * @param properties the resource's properties in the template
     * @param physicalIds the physical ids of the stack's resources by logical id, for its Ref and Fn::GetAtt
     */
    void apply(Target target, String physicalId, JsonNode properties, Map<String, String> physicalIds);

    /**
     * Undoes, right before the stack is deleted, what {@link #apply} set and the emulator's CloudFormation
     * would not remove with the resource; nothing by default.
     */
    default void beforeDelete(Target target, String physicalId) {}
}
