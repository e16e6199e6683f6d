package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Where a path really leads once links are followed. A bundle is untrusted input: a link in it
 * can point anywhere, and text checks on the AppSpec's paths cannot see that.
 */
final class RealPaths {

    private RealPaths() {
    }

    /** True when the path exists and, with every link on the way followed, lies outside root. */
    static boolean leadsOutside(Path root, Path path) {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            return !path.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            // A dangling or looping link leads nowhere inside the root either.
            return true;
        }
    }

    /** The real path of an existing path, which must lie under root, or an exception naming it. */
    static Path requireInside(Path root, Path path, String shown) throws IOException {
        Path real = path.toRealPath();
        if (!real.startsWith(root.toRealPath())) {
            throw new IOException("refusing " + shown + ": it is a link that leads outside the scratch root");
        }
        return real;
    }
}
