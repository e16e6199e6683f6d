package dev.dvalabs.probe;

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.GetEmailIdentityResponse;
import software.amazon.awssdk.services.sesv2.model.NotFoundException;

/**
 * An SES email identity as SES v1 and SESv2 each show it. On AWS the two are one service with one store
 * and answer alike, so the identity counts as verified when either API says so: a learner may make it
 * with {@code aws ses} or {@code aws sesv2}. ministack 1.5.33 keeps identities made through one API
 * apart from those made through the other; reading both is what lets either way pass there.
 *
 * @param v1 its verification status by SES v1 (GetIdentityVerificationAttributes), or null when SES v1's
 *           ListIdentities does not list it (ministack answers "Pending" for any address it does not know,
 *           so the status alone does not say whether SES v1 knows the identity)
 * @param v2 its verification status by SESv2 (GetEmailIdentity), or null when SESv2 has no such identity
 */
public record Identity(String v1, String v2) {

    public static final String NONE = "no such identity";
    /** ministack's SESv2 identity has no VerificationStatus, only VerifiedForSendingStatus. */
    public static final String VERIFIED_FOR_SENDING = "verified for sending";
    public static final String NOT_VERIFIED_FOR_SENDING = "not verified for sending";

    public static Identity read(SesClient ses, SesV2Client sesV2, String address) {
        String v1 = null;
        if (ses.listIdentitiesPaginator(r -> { }).identities().stream().anyMatch(address::equals)) {
            var attributes = ses.getIdentityVerificationAttributes(r -> r.identities(address)).verificationAttributes().get(address);
            v1 = attributes == null ? "no verification status" : attributes.verificationStatusAsString();
        }
        String v2;
        try {
            v2 = v2Status(sesV2.getEmailIdentity(r -> r.emailIdentity(address)));
        } catch (NotFoundException e) {
            v2 = null;
        }
        return new Identity(v1, v2);
    }

    public static String v2Status(GetEmailIdentityResponse identity) {
        String status = identity.verificationStatusAsString();
        if (status != null) {
            return status;
        }
        return Boolean.TRUE.equals(identity.verifiedForSendingStatus()) ? VERIFIED_FOR_SENDING : NOT_VERIFIED_FOR_SENDING;
    }

    /** Verified by either API: on AWS both say the same, so this lets no unverified identity through. */
    public boolean verified() {
        return "Success".equals(v1) || "SUCCESS".equals(v2) || VERIFIED_FOR_SENDING.equals(v2);
    }

    /**
     * Known to SESv2 and not listed by SES v1: only stores kept apart (ministack 1.5.33's) show this, as on
     * AWS SES v1's ListIdentities lists every identity, however it was made.
     */
    public boolean sesv2Only() {
        return v1 == null && v2 != null;
    }

    @Override
    public String toString() {
        return "SES v1: " + (v1 == null ? NONE : v1) + ", SESv2: " + (v2 == null ? NONE : v2);
    }
}
