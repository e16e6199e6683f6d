package dev.dvalabs.appspec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The agent's Install step under a scratch root: removes what the last rehearsal installed, then
 * copies each files entry from the revision's archive. Every directory is made through
 * {@link ScratchPaths}, so a link in the bundle or left by a hook cannot carry a copy outside.
 */
final class Installer {

    private static final String INSTALLED = "installed-files";

    private final ScratchPaths paths;
    private final Path manifest;

    Installer(ScratchPaths paths, Path stateDir) {
        this.paths = paths;
        this.manifest = stateDir.resolve(INSTALLED);
    }

    /** Installs, logging each copy; an IOException says why Install failed, after what was copied is recorded. */
    void install(Revision revision, Path archive, StringBuilder log) throws IOException {
        removePrevious();
        List<String> installed = new ArrayList<>();
        try {
            for (Revision.FileMapping mapping : revision.files()) {
                copy(mapping, archive, revision.fileExistsBehavior(), installed, log);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            paths.requireNoLinkAbove(manifest);
            Files.deleteIfExists(manifest);
            Files.write(manifest, installed, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        }
    }

    /**
     * The agent removes what the last successful deployment installed before copying the new
     * revision, so re-running a rehearsal into the same scratch root is not a file conflict.
     */
    private void removePrevious() throws IOException {
        paths.requireNoLinkAbove(manifest);
        if (!Files.isRegularFile(manifest, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        for (String line : Files.readAllLines(manifest, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                Path old = paths.resolve(line);
                paths.requireNoLinkAbove(old);
                Files.deleteIfExists(old);
            }
        }
        Files.delete(manifest);
    }

    private void copy(Revision.FileMapping mapping, Path archive, String behavior, List<String> installed, StringBuilder log)
            throws IOException {
        Path destination = paths.resolve(BundlePaths.belowRoot(mapping.destination()).orElseThrow());
        Path source = archive.resolve(BundlePaths.insideBundle(mapping.source()).orElseThrow()).normalize();
        if (RealPaths.leadsOutside(archive, source)) {
            throw new IOException("refusing source " + mapping.source() + ": it is a link that leads outside the bundle");
        }
        // As the agent does, a linked directory is copied as the link, not walked into.
        boolean directory = Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS);
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(source)) {
            sources = walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
        for (Path file : sources) {
            Path target = directory
                    ? destination.resolve(source.relativize(file).toString())
                    : destination.resolve(file.getFileName().toString());
            String shown = paths.shown(target);
            paths.createDirectories(target.getParent());
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                if (behavior.equals("RETAIN")) {
                    log.append("kept existing ").append(shown).append('\n');
                    continue;
                }
                if (!behavior.equals("OVERWRITE")) {
                    throw new FileAlreadyExistsException(shown, null,
                            "already exists and file_exists_behavior is DISALLOW; set it to OVERWRITE or RETAIN");
                }
            }
            // REPLACE_EXISTING replaces a link at the target rather than writing through it.
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            installed.add(paths.root().relativize(target).toString());
            log.append("copied ").append(archive.relativize(file)).append(" -> ").append(shown).append('\n');
        }
    }
}
