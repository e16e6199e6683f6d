package dev.dvalabs.cli;

import dev.dvalabs.loop.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where reports go, checked before the work whose results they hold: a class verify can take minutes. */
final class ReportDirectory {

    private ReportDirectory() {}

    /** Creates the directory if need be and writes (and removes) a file in it; refuses in one sentence if it cannot. */
    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.delete(Files.createTempFile(dir, ".dva-labs-", ".probe"));
        } catch (IOException | SecurityException e) {
            throw new BadInputException("--report-dir " + dir + " is not a directory the reports can be written into;"
                    + " choose another.");
        }
    }
}
