package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.dvalabs.appspec.Rehearsal.EventResult;
import dev.dvalabs.appspec.Rehearsal.Status;

/** Bundles written into a test's temporary directory, and ways to look at what a rehearsal left. */
final class TestBundles {

    static final String HEAD = "version: 0.0\nos: linux\n";

    private TestBundles() {
    }

    static Path bundle(Path dir, String appspec, Map<String, String> files) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("appspec.yml"), appspec);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return dir;
    }

    static Map<String, Status> statuses(Rehearsal.Result result) {
        Map<String, Status> map = new LinkedHashMap<>();
        result.events().forEach(e -> map.put(e.event(), e.status()));
        return map;
    }

    static EventResult event(Rehearsal.Result result, String name) {
        return result.events().stream().filter(e -> e.event().equals(name)).findFirst().orElseThrow();
    }

    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    /**
     * Whether the process is still running. A killed orphan whose new parent does not reap it stays
     * a zombie, which runs nothing, so /proc's state is read rather than asking if the pid exists.
     */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", String.valueOf(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String text;
        try {
            text = Files.readString(stat);
        } catch (IOException e) {
            return false;
        }
        // The state follows the command name, which is in parentheses and may hold spaces.
        char state = text.charAt(text.lastIndexOf(')') + 2);
        return state != 'Z' && state != 'X';
    }

    /**
     * Returns once the process has stopped running. A SIGKILL is delivered after kill(2) returns, so
     * the process may take a moment to go; the test's own timeout fails it if it never does, and every
     * process these tests start would otherwise sleep for minutes.
     */
    static void awaitDeath(long pid) throws Exception {
        while (running(pid)) {
            Thread.sleep(20);
        }
    }

    /** Waits for a hook to write a file, without a deadline of its own: the test's caller bounds it. */
    static long awaitPid(Path file) throws Exception {
        while (!Files.exists(file) || Files.readString(file).isBlank() || !Files.readString(file).endsWith("\n")) {
            Thread.sleep(20);
        }
        return Long.parseLong(Files.readString(file).strip());
    }
}
