package dev.dvalabs.appspec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Path arithmetic on the strings an AppSpec holds, done on text so that it means the same on the
 * machine that lints as on the instance, and accepts either slash since Windows bundles use '\'.
 */
public final class BundlePaths {

    private BundlePaths() {
    }

    /**
     * The path normalised and relative to the bundle root, or empty when it names a drive, another
     * machine, or climbs out of the bundle with '..'. A leading '/' or '\' means the bundle root, as
     * the agent joins every source and location onto the revision's directory and AWS's Windows
     * example writes '\Scripts\RunResourceTests.bat'; a leading "./" or ".\" is allowed too.
     */
    public static Optional<String> insideBundle(String path) {
        String unified = path.strip().replace('\\', '/');
        if (unified.startsWith("//") || unified.matches("^[A-Za-z]:.*")) {
            return Optional.empty();
        }
        return normalise(unified);
    }

    /** True when the path starts at the bundle root with '/' or '\' rather than with a name. */
    public static boolean rooted(String path) {
        String stripped = path.strip();
        return stripped.startsWith("/") || stripped.startsWith("\\");
    }

    /** The segments of an absolute destination below '/', normalised, or empty when '..' climbs above the root. */
    public static Optional<String> belowRoot(String absolute) {
        String unified = absolute.strip().replace('\\', '/');
        if (!unified.startsWith("/")) {
            return Optional.empty();
        }
        return normalise(unified.substring(1));
    }

    public static boolean hasDotDot(String path) {
        for (String segment : path.replace('\\', '/').split("/")) {
            if (segment.equals("..")) {
                return true;
            }
        }
        return false;
    }

    /** True when one absolute path is the other or lies beneath it. */
    static boolean related(String a, String b) {
        String x = stripTrailing(a);
        String y = stripTrailing(b);
        return x.equals(y) || y.startsWith(x + "/") || x.startsWith(y + "/");
    }

    private static String stripTrailing(String path) {
        String result = path.replace('\\', '/');
        while (result.length() > 1 && result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static Optional<String> normalise(String relative) {
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : relative.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return Optional.empty();
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return Optional.of(String.join("/", segments));
    }
}
