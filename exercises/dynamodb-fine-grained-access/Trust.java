package dev.dvalabs.exercises.dynamodbfinegrainedaccess;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Exposure;
import dev.dvalabs.policy.Policies;
import dev.dvalabs.policy.Request;
import dev.dvalabs.policy.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * Who may assume the role, by the policy evaluator over its trust policy: you (the identity that
 * verifies), passing the session tag {@code userId}, which needs both sts:AssumeRole and sts:TagSession;
 * and no one outside your account. Your own identity policies are taken to allow it, as an
 * administrator's do; on AWS the sessions checks assume the role for real.
 */
final class Trust {

    static final List<String> ACTIONS = List.of("sts:AssumeRole", "sts:TagSession");

    private final Policies policies;
    private final String role;
    private final String caller;

    Trust(String trustPolicy, String roleArn, String callerArn) {
        this.role = roleArn;
        this.caller = callerArn;
        // A trust policy must let the caller in, naming it or its account (and then the caller's own policies
        // must allow it too): the evaluation a KMS key policy gets, which Policies.of would not give, as it lets
        // an identity policy alone allow within the account.
        this.policies = Policies.keyPolicy(trustPolicy).withIdentity(List.of("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:TagSession"],
                 "Resource": "%s"}]}""".formatted(roleArn)));
    }

    /**
     * What assuming the role with the tag needs and the trust policy refuses you, for each user with their own
     * tag: a trust policy that admits only ana's tag leaves anabel without a session. "you may not tag the session
     * as anabel".
     */
    List<String> denied() {
        List<String> refused = new ArrayList<>();
        for (String user : Grants.USERS) {
            for (String action : ACTIONS) {
                Verdict verdict = policies.judge(request(action, user));
                if (!verdict.allowed()) {
                    refused.add(verdict.sentence(caller, (action.equals("sts:TagSession") ? "tag the session" : "assume the role")
                            + " as " + user));
                }
            }
        }
        return refused;
    }

    /** The trust policy's statements that let someone outside your account assume the role. */
    List<String> strangers() {
        return policies.exposure(request("sts:AssumeRole", Grants.USERS.get(0))).stream().map(Exposure::toString).toList();
    }

    private Request request(String action, String user) {
        return Request.of(Caller.aws(caller), action, role)
                .with("aws:RequestTag/" + Grants.TAG, user).with("aws:TagKeys", Grants.TAG);
    }
}
