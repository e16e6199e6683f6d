package dev.dvalabs.exercises.codedeployappspecpipeline;

import dev.dvalabs.appspec.AppSpecLinter;
import dev.dvalabs.appspec.Rehearsal;
import dev.dvalabs.exercises.codedeployappspecpipeline.CodedeployAppspecPipelineVerifier.Revision;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.Write;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The newest bundle in the source bucket, unpacked into a scratch directory just long enough for the AppSpec
 * linter to check the paths its hooks and files name. The scratch directory is a write of the session's
 * ({@link Scratch}): made after it is journaled, removed however verify ends, by the next verify after kill -9.
 */
final class Revisions {

    static final int MAX_BUNDLE_BYTES = 10 * 1024 * 1024;
    static final int MAX_BUNDLE_ENTRIES = 1_000;

    /** A directory a verify unpacked a bundle into, by its exact path. */
    record Scratch(String path) implements Write {
        @Override
        public void undo(Session session) {
            try {
                Rehearsal.deleteTree(Path.of(path));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public String describe() {
            return "the bundle unpacked in " + path;
        }
    }

    private final Session session;

    Revisions(Session session) {
        this.session = session;
    }

    Revision latest(S3Client s3, String bucket) {
        Optional<S3Object> newest = s3.listObjectsV2Paginator(r -> r.bucket(bucket)).contents().stream()
                .filter(o -> o.key().endsWith(".zip"))
                .max(Comparator.comparing(S3Object::lastModified));
        if (newest.isEmpty()) {
            return Revision.none();
        }
        String key = newest.get().key();
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "dva-labs-revision-" + UUID.randomUUID());
        Scratch scratch = new Scratch(dir.toString());
        try (InputStream zip = s3.getObject(r -> r.bucket(bucket).key(key))) {
            session.write(scratch, () -> {
                try {
                    Files.createDirectory(dir);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            unzip(zip, dir);
            Path appspec = dir.resolve("appspec.yml");
            if (!Files.isRegularFile(appspec)) {
                return new Revision(key, false, List.of());
            }
            return new Revision(key, true, new AppSpecLinter().lint(appspec));
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack s3://" + bucket + "/" + key, e);
        } finally {
            session.undoWrites();
        }
    }

    /** Unpacks a bundle, refusing entries that would land outside the directory and bundles past the bounds. */
    static void unzip(InputStream in, Path into) throws IOException {
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (++entries > MAX_BUNDLE_ENTRIES) {
                    throw new IOException("more than " + MAX_BUNDLE_ENTRIES + " entries");
                }
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new IOException("entry " + entry.getName() + " points outside the bundle");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                byte[] content = zip.readNBytes(MAX_BUNDLE_BYTES - (int) total + 1);
                total += content.length;
                if (total > MAX_BUNDLE_BYTES) {
                    throw new IOException("bundle larger than " + MAX_BUNDLE_BYTES + " bytes unpacked");
                }
                Files.write(target, content);
            }
        }
    }
}
