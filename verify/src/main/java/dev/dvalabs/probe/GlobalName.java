package dev.dvalabs.probe;

import dev.dvalabs.verify.Session;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * A name in force that must be unique across accounts (a bucket's): exercise.yaml writes it with
 * {@code {account}} and {@code {region}}, which the stack fills from the template and a verifier from the
 * caller's account and the target's region.
 */
public final class GlobalName {

    private GlobalName() {}

    /** The name in force for {@code key} with {@code {account}} and {@code {region}} filled in. */
    public static String of(Session session, String key) {
        String name = session.name(key);
        if (name.contains("{account}")) {
            name = name.replace("{account}", session.client(StsClient.class).getCallerIdentity().account());
        }
        return name.replace("{region}", session.target().region().id());
    }
}
