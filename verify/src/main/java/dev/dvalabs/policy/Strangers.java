package dev.dvalabs.policy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import software.amazon.awssdk.arns.Arn;

/**
 * Made-up callers who are not the intended one, each a question put to the policy: "could this one
 * get in?". Everyone is asked about: the anonymous caller, a principal of an account the policy has
 * never heard of, another principal of the resource's own account, each principal and account the
 * policy names, and each service it names (and the intended one) acting with no source, for another
 * resource of the same account, and for a resource of another account.
 */
final class Strangers {

    /** A stranger and the identifying condition keys its requests carry. */
    record Probe(Caller caller, Map<String, List<String>> context, String who) {}

    private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
    private static final String NAME = "dva-labs-stranger";

    private Strangers() {}

    static List<Probe> around(Request intended, List<Statement> statements) {
        String stranger = unusedAccount(intended, statements);
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe(Caller.anonymous(), Map.of(), "any caller, even an anonymous one"));
        probes.add(role(stranger, "principals of another account (" + stranger + ")"));
        if (intended.resourceAccount() != null) {
            // Only direct grants count for these: a grant to their own account root is left to IAM anyway.
            probes.add(role(intended.resourceAccount(), "other principals of the resource's own account ("
                    + intended.resourceAccount() + ")"));
        }
        Set<String> services = new LinkedHashSet<>();
        if (intended.caller() instanceof Caller.Service service) {
            services.add(service.name());
        }
        for (Principals.Entry entry : named(statements)) {
            if (entry.type().equals("Service")) {
                services.add(entry.id());
            } else if (entry.type().equals("AWS") && !entry.everyone()) {
                String account = entry.account();
                if (account != null) {
                    probes.add(role(account, "principals of account " + account));
                } else if (Principals.reach(intended.caller(), entry) != Principals.Reach.DIRECT
                        && Arn.tryFromString(entry.id()).flatMap(Arn::accountId).filter(a -> ACCOUNT_ID.matcher(a).matches()).isPresent()) {
                    probes.add(new Probe(Caller.aws(entry.id()), Map.of(), entry.id()));
                }
            }
        }
        for (String service : services) {
            probes.addAll(serviceProbes(service, intended, stranger));
        }
        return probes;
    }

    private static Probe role(String account, String who) {
        return new Probe(Caller.aws("arn:aws:iam::" + account + ":role/" + NAME), Map.of(), who);
    }

    private static List<Probe> serviceProbes(String service, Request intended, String stranger) {
        Optional<Arn> source = intended.values("aws:SourceArn").stream().findFirst().flatMap(Arn::tryFromString);
        String owner = source.flatMap(Arn::accountId).filter(a -> !a.isEmpty())
                .orElse(Optional.ofNullable(intended.resourceAccount()).orElse(stranger));
        Arn.Builder template = source.map(Arn::toBuilder).orElse(Arn.builder().partition("aws")
                .service(service.split("\\.")[0]).region("us-east-1"));
        String sibling = template.accountId(owner).resource(NAME).build().toString();
        String foreign = template.accountId(stranger).resource(NAME).build().toString();
        boolean intendedService = intended.caller() instanceof Caller.Service s && s.name().equalsIgnoreCase(service);
        List<Probe> probes = new ArrayList<>();
        if (!(intendedService && intended.values("aws:SourceArn").isEmpty() && intended.values("aws:SourceAccount").isEmpty())) {
            probes.add(new Probe(Caller.service(service), Map.of(), service + " acting without aws:SourceArn"));
        }
        probes.add(new Probe(Caller.service(service), Map.of("aws:SourceArn", List.of(sibling), "aws:SourceAccount", List.of(owner)),
                service + " acting for another resource, " + sibling));
        probes.add(new Probe(Caller.service(service), Map.of("aws:SourceArn", List.of(foreign), "aws:SourceAccount", List.of(stranger)),
                service + " acting for another account's resource, " + foreign));
        return probes;
    }

    private static List<Principals.Entry> named(List<Statement> statements) {
        return statements.stream().filter(s -> s.allow() && s.principals() != null && !s.notPrincipal())
                .flatMap(s -> s.principals().stream()).distinct().toList();
    }

    /** An account id that appears nowhere in the request or the policy, so it is nobody's. */
    private static String unusedAccount(Request intended, List<Statement> statements) {
        Set<String> seen = new HashSet<>();
        Stream.concat(
                        Stream.of(intended.resource(), intended.caller().toString(), intended.context().toString()),
                        statements.stream().flatMap(s -> Stream.concat(
                                s.principals() == null ? Stream.empty() : s.principals().stream().map(Principals.Entry::id),
                                s.conditions().stream().flatMap(c -> c.values().stream()))))
                .forEach(text -> {
                    Matcher m = ACCOUNT_ID.matcher(text);
                    while (m.find()) {
                        seen.add(m.group());
                    }
                });
        long candidate = 999_999_999_999L;
        while (seen.contains(Long.toString(candidate))) {
            candidate--;
        }
        return Long.toString(candidate);
    }
}
