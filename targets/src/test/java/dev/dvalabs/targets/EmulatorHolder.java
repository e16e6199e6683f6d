package dev.dvalabs.targets;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Another command, in a process of its own: says it is attaching, attaches to the recorded emulator (or
 * starts one), keeps it if told, prints its pid, and ends when its standard input gives a line or closes.
 */
public final class EmulatorHolder {

    public static void main(String[] args) throws Exception {
        System.out.println("attaching");
        System.out.flush();
        LocalEmulator emulator = LocalEmulator.attachOrStart(new LocalEmulator.Options(), true).orElseThrow();
        if (args.length > 0 && args[0].equals("keep")) {
            emulator.keep();
        }
        System.out.println(emulator.pid());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        emulator.close();
    }
}
