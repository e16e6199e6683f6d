package dev.dvalabs.cli;

import java.lang.management.ManagementFactory;
import java.util.Optional;

/**
 * How many files this process may hold open (ulimit -n). The JVM opens each jar of the classpath when it
 * first loads a class from it, so below about 150 a command dies in the middle of loading its own code
 * with a NoClassDefFoundError; SDK connections, the CDK's Node.js bridge and the emulator's log take more.
 * Judged before any of that is loaded, so that the answer is one sentence.
 */
final class OpenFiles {

    /** Enough for a deploy with every client the toolkit makes; the usual default on Linux. */
    static final long NEEDED = 1024;

    private OpenFiles() {}

    /** The sentence saying so, when the limit is lower than the toolkit needs; empty where it cannot be read. */
    static Optional<String> tooFew() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long allowed = unix.getMaxFileDescriptorCount();
            if (allowed < NEEDED) {
                return Optional.of("too many open files: this shell allows " + allowed + "; raise ulimit -n to at least "
                        + NEEDED + " (ulimit -n " + NEEDED + ") and run the command again.");
            }
        }
        return Optional.empty();
    }
}
