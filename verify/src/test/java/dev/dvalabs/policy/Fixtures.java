package dev.dvalabs.policy;

/** Names and a policy wrapper the policy tests share; the accounts are AWS's documentation examples. */
final class Fixtures {

    static final String ACCOUNT = "111122223333";
    static final String OTHER_ACCOUNT = "444455556666";
    static final String QUEUE = "arn:aws:sqs:us-east-1:111122223333:billing";
    static final String OTHER_QUEUE = "arn:aws:sqs:us-east-1:111122223333:shipping";
    static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:orders";
    static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:111122223333:returns";
    static final String ROLE = "arn:aws:iam::111122223333:role/app";
    static final String SESSION = "arn:aws:sts::111122223333:assumed-role/app/run-1";
    static final String OTHER_ROLE = "arn:aws:iam::111122223333:role/batch";
    static final String FOREIGN_ROLE = "arn:aws:iam::444455556666:role/partner";
    static final String KEY = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String SNS = "sns.amazonaws.com";

    private Fixtures() {}

    /** A policy document around the statements, each a JSON object. */
    static String policy(String... statements) {
        return "{\"Version\": \"2012-10-17\", \"Statement\": [" + String.join(", ", statements) + "]}";
    }

    /** Fills {@code %s} placeholders, so statements read like the JSON AWS documents. */
    static String json(String template, Object... args) {
        return template.formatted(args);
    }
}
