package dev.dvalabs.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A state directory of each test's own ({@code dva-labs.state-dir}), removed after it: the test's kept
 * emulators and progress never mix with a learner's on this machine, nor with another test's.
 */
final class OwnStateDirectory implements BeforeEachCallback, AfterEachCallback {

    static final String PROPERTY = "dva-labs.state-dir";

    /** The directory of the test running now. */
    static Path current() {
        return Path.of(System.getProperty(PROPERTY));
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        System.setProperty(PROPERTY, Files.createTempDirectory("dva-labs-state-").toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Path dir = current();
        System.clearProperty(PROPERTY);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
