package dev.dvalabs.cli;

import dev.dvalabs.deploy.DeployException;
import dev.dvalabs.loop.BadInputException;
import dev.dvalabs.report.Shown;
import dev.dvalabs.targets.ShownUrl;
import dev.dvalabs.targets.TargetException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.InvalidPathException;
import java.util.Optional;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * What went wrong, as one sentence a learner can act on: no Java class names, no "see cause", no
 * stack trace, durations in seconds.
 */
final class Sentences {

    private static final Pattern MILLIS = Pattern.compile("(\\d+)\\s*(?:ms|millis|milliseconds)\\b");
    private static final Pattern SEE_CAUSE = Pattern.compile("\\s*See cause[^.]*\\.?", Pattern.CASE_INSENSITIVE);
    private static final Pattern CLASS_NAME = Pattern.compile("\\b(?:[a-z_][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error)\\b:?\\s*");

    private Sentences() {}

    /** The sentence as it may be shown: on one line, without control characters or a URL's password. */
    static String of(Exception e) {
        return Shown.line(ShownUrl.masked(said(e)));
    }

    private static String said(Exception e) {
        Optional<InvalidPathException> path = unspellablePath(e);
        if (path.isPresent()) {
            return unspellable(path.get());
        }
        if (e instanceof SdkClientException sdk) {
            return "could not reach AWS: " + unreached(sdk);
        }
        if (e instanceof AwsServiceException aws) {
            return refused(aws);
        }
        boolean own = e instanceof BadInputException || e instanceof TargetException || e instanceof DeployException;
        String message = clean(firstLine(e.getMessage()));
        if (own) {
            return message;
        }
        return "something went wrong that the toolkit did not expect" + (message.isEmpty() ? "" : " (" + message + ")")
                + "; set DVA_LABS_DEBUG=1 to see where.";
    }

    /** A path the locale's charset cannot spell (LANG=C and a non-ASCII name), anywhere among the causes. */
    static Optional<InvalidPathException> unspellablePath(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidPathException invalid) {
                return Optional.of(invalid);
            }
        }
        return Optional.empty();
    }

    static String unspellable(InvalidPathException e) {
        return "'" + e.getInput() + "' cannot be spelled as a path in this locale's charset ("
                + System.getProperty("sun.jnu.encoding", "not UTF-8") + "); run labs in a UTF-8 locale, for example"
                + " with LC_ALL=C.UTF-8 (the ./labs launcher sets it when the locale is not UTF-8).";
    }

    /** Why the SDK got no answer, from the cause rather than the SDK's own wording. */
    private static String unreached(SdkClientException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "the host " + firstLine(t.getMessage()) + " is not known.";
            }
            if (t instanceof ConnectException) {
                return "nothing answers there (connection refused).";
            }
            if (t instanceof ApiCallAttemptTimeoutException || t instanceof ApiCallTimeoutException) {
                return "it did not answer in time (" + clean(firstLine(t.getMessage())) + ").";
            }
        }
        return clean(firstLine(e.getMessage()));
    }

    private static String refused(AwsServiceException e) {
        var details = e.awsErrorDetails();
        String service = details == null || details.serviceName() == null || details.serviceName().isBlank()
                ? "AWS" : details.serviceName();
        String why = details == null ? null : details.errorMessage();
        if (why == null || why.isBlank()) {
            why = details != null && details.errorCode() != null ? details.errorCode() : "HTTP " + e.statusCode() + " without a reason";
        }
        return service + " refused: " + clean(why);
    }

    /** The text without class names or "see cause", with milliseconds said in seconds. */
    static String clean(String text) {
        String s = SEE_CAUSE.matcher(text).replaceAll("");
        s = CLASS_NAME.matcher(s).replaceAll("");
        Matcher m = MILLIS.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, seconds(Long.parseLong(m.group(1))));
        }
        m.appendTail(out);
        return out.toString().strip();
    }

    static String seconds(long millis) {
        return millis % 1000 == 0 ? millis / 1000 + " s" : String.format(Locale.ROOT, "%.2f s", millis / 1000.0);
    }

    // Only the first line: some libraries (jsii) append the remote stack trace to the message.
    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
