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

    private Jvm() {}
}
