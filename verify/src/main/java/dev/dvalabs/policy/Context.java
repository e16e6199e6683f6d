package dev.dvalabs.policy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The condition values a statement is judged against. For a real request every key is known. For
 * an exposure probe, a made-up stranger, only the keys that say who is calling are known; the rest
 * (aws:SecureTransport, aws:UserAgent, ...) a stranger could set either way, so they are unknown.
 * When {@code open}, the keys a service supplies but the request cannot say ({@link Request#unknown})
 * are unknown too; otherwise they count as absent, the answer {@link Policies#decide} has always given.
 */
record Context(Request request, Set<String> known, boolean open) {

    /** The keys a caller cannot choose: AWS sets them from who signs the request and on whose behalf. */
    static final Set<String> IDENTIFYING = caseInsensitive(Set.of("aws:SourceArn", "aws:SourceAccount", "aws:SourceOwner",
            "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:PrincipalArn", "aws:PrincipalAccount", "aws:PrincipalOrgID",
            "aws:PrincipalOrgPaths", "aws:PrincipalServiceName", "aws:PrincipalServiceNamesList", "aws:PrincipalType",
            "aws:PrincipalIsAWSService", "aws:userid", "aws:username", "kms:CallerAccount"));

    static Context of(Request request) {
        return new Context(request, null, false);
    }

    /** Judging a request whose unknown keys may hold anything. */
    static Context open(Request request) {
        return new Context(request, null, true);
    }

    static Context probe(Request stranger) {
        return new Context(stranger, IDENTIFYING, false);
    }

    List<String> values(String key) {
        return request.values(key);
    }

    boolean unknown(String key) {
        return (known != null && !known.contains(key)) || (open && request.unknown().containsKey(key));
    }

    private static Set<String> caseInsensitive(Set<String> keys) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(keys);
        return set;
    }
}
