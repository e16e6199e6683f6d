package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Paths beneath a rehearsal's scratch root, created and checked one component at a time without
 * following links. A bundle can carry links and its hooks can make them, so a directory under the
 * root may lead anywhere; checking the real path after creating it would be too late.
 */
final class ScratchPaths {

    private final Path root;

    /** The root must exist; it is used by its real path so that a linked scratch root the learner chose still works. */
    ScratchPaths(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    Path root() {
        return root;
    }

    /** A relative path below the root, refused when '..' climbs out of it. */
    Path resolve(String relative) throws IOException {
        Path path = root.resolve(relative).normalize();
        if (!path.startsWith(root)) {
            throw new IOException("refusing " + relative + ": it leaves the scratch root");
        }
        return path;
    }

    /** Creates the directory and its missing parents, refusing to pass through a link or a file. */
    Path createDirectories(Path dir) throws IOException {
        Path current = root;
        for (Path name : inside(dir)) {
            current = current.resolve(name);
            if (Files.isSymbolicLink(current)) {
                throw new IOException("refusing to write through the link " + shown(current) + "; it may lead outside the scratch root");
            }
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    throw new FileAlreadyExistsException(shown(current), null, "is a file where a directory is needed");
                }
            } else {
                Files.createDirectory(current);
            }
        }
        return dir;
    }

    /** Refuses a path whose parent directories include a link, so that writing or deleting it stays under the root. */
    void requireNoLinkAbove(Path path) throws IOException {
        Path current = root;
        Path relative = inside(path);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            current = current.resolve(relative.getName(i));
            if (Files.isSymbolicLink(current)) {
                throw new IOException("refusing to go through the link " + shown(current) + "; it may lead outside the scratch root");
            }
        }
    }

    /** How a path appears on the instance: /var/www/html rather than the scratch root's full path. */
    String shown(Path path) {
        return "/" + root.relativize(path).toString().replace('\\', '/');
    }

    private Path inside(Path path) throws IOException {
        Path normal = path.normalize();
        if (!normal.startsWith(root)) {
            throw new IOException("refusing " + path + ": it is outside the scratch root");
        }
        return root.relativize(normal);
    }
}
