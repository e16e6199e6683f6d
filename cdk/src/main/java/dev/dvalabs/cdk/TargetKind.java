package dev.dvalabs.cdk;

import java.util.Locale;
import software.constructs.Construct;

/**
 * What a template is synthesized for: real AWS, or an emulator. They differ where an emulator's
 * CloudFormation refuses a resource type outright, before any condition is looked at (ministack and
 * {@code AWS::DAX::*}): a stack leaves such a part out of the emulator's template instead. The CDK app reads
 * it from the context value {@code dva-labs:target} ({@code cdk synth -c dva-labs:target=aws}); without it,
 * the template is the emulator's, which deploys everywhere.
 */
public enum TargetKind {
    EMULATOR, AWS;

    /** The CDK context key a stack reads its kind from. */
    public static final String CONTEXT = "dva-labs:target";

    /** As in the context value and in the built templates' folder: {@code emulator}, {@code aws}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kind the construct's app was given, emulator when none (any value but {@code aws} is refused). */
    public static TargetKind of(Construct scope) {
        Object value = scope.getNode().tryGetContext(CONTEXT);
        if (value == null) {
            return EMULATOR;
        }
        for (TargetKind kind : values()) {
            if (kind.label().equals(value.toString())) {
                return kind;
            }
        }
        throw new IllegalArgumentException("the CDK context " + CONTEXT + " is aws or emulator, not " + value);
    }
}
