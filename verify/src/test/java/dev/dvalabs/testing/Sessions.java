package dev.dvalabs.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Session;
import dev.dvalabs.verify.StateDirectory;
import dev.dvalabs.verify.Write;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Sessions for tests that call a verifier's observe themselves, and what a killed one leaves. */
public final class Sessions {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Sessions() {}

    /** A session on {@code target} for exercise {@code exercise} with these names in force; the caller closes it. */
    public static Session open(Target target, String exercise, Map<String, String> names) {
        return Session.on(target, exercise, Names.declared(names)).open();
    }

    /**
     * Leaves what a verify of {@code exercise} on {@code target} killed with kill -9 leaves: the journal of its run
     * {@code run} (its mark), naming {@code writes} as recorded and none undone, held by no process. The next verify
     * there undoes exactly these.
     */
    public static void killedVerify(Target target, String exercise, String run, Write... writes) throws IOException {
        String key = target.stateKey().replaceAll("[^A-Za-z0-9_.-]", "_");
        Path folder = Files.createDirectories(StateDirectory.verify().resolve(key.startsWith(".") ? "_" + key : key).resolve(exercise));
        StringBuilder lines = new StringBuilder();
        long id = 0;
        for (Write write : writes) {
            // As the journal records a write: its id, and the write with its class under "write" (Write's type info).
            ObjectNode line = JSON.createObjectNode().put("id", ++id);
            line.set("write", JSON.valueToTree(write));
            lines.append(line).append('\n');
        }
        Files.writeString(folder.resolve(run + ".journal"), lines);
    }
}
