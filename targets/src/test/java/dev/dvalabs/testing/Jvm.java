package dev.dvalabs.testing;

import java.nio.file.Path;

/**
 * A JVM a test starts, started as the labs launcher starts one: the first JIT tier and the serial collector,
 * which a short command spends a quarter less CPU on than on C2 and G1. Written
 * {@code new ProcessBuilder(Jvm.JAVA, Jvm.FIRST_TIER, Jvm.SERIAL_GC, "-cp", ...)}.
 */
public final class Jvm {

    /** The java of the JVM running the test. */
    public static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    public static final String FIRST_TIER = "-XX:TieredStopAtLevel=1";
    public static final String SERIAL_GC = "-XX:+UseSerialGC";

    /** Why a test of Ctrl-C cannot run here; see {@link #ignoresSigint}. */
    public static final String SIGINT_IGNORED = "this JVM was started ignoring SIGINT (in the background, without job"
            + " control), and the JVMs it starts inherit that: Ctrl-C cannot reach them";

    /**
     * Whether this process ignores SIGINT, which a process it starts inherits: a JVM then installs no handler for
     * it, and a test that sends one would wait for ever.
     */
    public static boolean ignoresSigint() {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << 1)) != 0;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // not Linux's /proc: nothing known to be ignored
        }
        return false;
    }

    private Jvm() {}
}
