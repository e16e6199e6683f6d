package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * SES email identities ({@code arn:aws:ses:region:account:identity/name}) and configuration sets
 * ({@code ...:configuration-set/name}), their tags read and the resources deleted through SESv2, which
 * (unlike the classic API) tags them.
 */
public final class SesSweeper implements Sweeper {

    private static final String IDENTITY = ":identity/";
    private static final String CONFIGURATION_SET = ":configuration-set/";

    @Override
    public String service() {
        return "ses";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (SesV2Client ses = target.client(SesV2Client.builder())) {
            // Asked first: a tag listing may outlive the resource on an emulator.
            if (arn.contains(IDENTITY)) {
                ses.getEmailIdentity(r -> r.emailIdentity(name(arn, IDENTITY)));
            } else {
                ses.getConfigurationSet(r -> r.configurationSetName(name(arn, CONFIGURATION_SET)));
            }
            Map<String, String> tags = new LinkedHashMap<>();
            ses.listTagsForResource(r -> r.resourceArn(arn)).tags().forEach(t -> tags.put(t.key(), t.value()));
            return Optional.of(tags);
        } catch (NotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        try (SesV2Client ses = target.client(SesV2Client.builder())) {
            if (arn.contains(IDENTITY)) {
                ses.deleteEmailIdentity(r -> r.emailIdentity(name(arn, IDENTITY)));
            } else {
                ses.deleteConfigurationSet(r -> r.configurationSetName(name(arn, CONFIGURATION_SET)));
            }
            return Swept.deleted();
        } catch (NotFoundException e) {
            return Swept.alreadyGone();
        }
    }

    private static String name(String arn, String kind) {
        if (!arn.contains(kind)) {
            throw new IllegalArgumentException("not an SES identity or configuration set: " + arn);
        }
        return arn.substring(arn.indexOf(kind) + kind.length());
    }
}
