package dev.dvalabs.targets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An endpoint URL as the toolkit shows it: {@code http://user:pass@host} (from {@code --endpoint} or
 * {@code AWS_ENDPOINT_URL}) carries a password, which must not reach a checklist header, an error or a
 * lock file's name. AWS requests are signed, so the toolkit never needs the user-info itself.
 */
public final class ShownUrl {

    /** A scheme, then user-info up to the '@' before the host: no '/', '@' or space inside it. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)([^/?#@\\s]*)@");

    private ShownUrl() {}

    /** The text with the user-info of every URL in it masked: {@code http://user:***@host}, {@code http://***@host}. */
    public static String masked(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = USER_INFO.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String userInfo = m.group(2);
            int colon = userInfo.indexOf(':');
            String shown = colon >= 0 ? userInfo.substring(0, colon) + ":***" : "***";
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + shown + "@"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The URL without its user-info, which the AWS requests the toolkit sends have no use for. */
    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            throw new TargetValueException("'" + masked(uri.toString()) + "' is not a URL; give one like http://localhost:4566.");
        }
    }
}
