package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeyManagerType;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.OriginType;

/**
 * A KMS key as DescribeKey shows it, read once: its id and ARN, who manages it, its state and where its
 * material comes from.
 *
 * <pre>{@code
 * o.key().its("in state", Key::state).should(eq(KeyState.ENABLED))
 * }</pre>
 */
public record Key(KeyMetadata metadata) {

    /** The key an id, ARN or alias names, or what KMS answered instead, prefixed "key NAME: ". */
    public static Fact<Key> read(KmsClient kms, String keyIdOrAlias) {
        return Fact.about("key " + keyIdOrAlias, () -> new Key(kms.describeKey(r -> r.keyId(keyIdOrAlias)).keyMetadata()));
    }

    public String id() {
        return metadata.keyId();
    }

    /** The key's ARN as KMS writes it. */
    public String arn() {
        return metadata.arn();
    }

    /** The ARN's parts: the account the key is in, its region. */
    public Arn parsedArn() {
        return Arn.fromString(metadata.arn());
    }

    /** CUSTOMER for a key the learner manages, AWS for an AWS managed key. */
    public KeyManagerType manager() {
        return metadata.keyManager();
    }

    public KeyState state() {
        return metadata.keyState();
    }

    /** AWS_KMS for key material KMS made, EXTERNAL for imported material. */
    public OriginType origin() {
        return metadata.origin();
    }
}
