package dev.dvalabs.exercises.dynamodbcapacity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * The toolkit's own record of the tables it saw provisioned at 5 RCU and 5 WCU (a verify after task 1,
 * or the solution's switch step just before it switches). Once a table is on-demand, DescribeTable no
 * longer says what throughput it had, so this record is the only proof of task 1 left. A table is known
 * by its ARN and creation time, so a table deleted and made again under the name is another table.
 */
final class SeenProvisioned {

    private final Path file;

    SeenProvisioned(Path file) {
        this.file = file;
    }

    /** In the user's state directory ({@code $XDG_STATE_HOME}, else {@code ~/.local/state}), beside nothing of the learner's. */
    static SeenProvisioned inUserState() {
        String xdg = System.getenv("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".local", "state");
        return new SeenProvisioned(base.resolve("dva-labs").resolve("dynamodb-capacity-seen-provisioned"));
    }

    /** Records the table, if it is provisioned at 5 and 5 now; a record that cannot be written only loses the proof. */
    void recordIfFiveAndFive(TableDescription table) {
        if (!DynamodbCapacityVerifier.PROVISIONED_5_5.equals(DynamodbCapacityVerifier.billing(table)) || saw(table)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, key(table) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // Task 1 then stays unproven once the table is on-demand: the check says so rather than guess.
        }
    }

    /** Whether this very table (same ARN, same creation) was recorded at 5 and 5. */
    boolean saw(TableDescription table) {
        try {
            return Files.isRegularFile(file) && Files.readAllLines(file, StandardCharsets.UTF_8).contains(key(table));
        } catch (IOException e) {
            return false;
        }
    }

    private static String key(TableDescription table) {
        return table.tableArn() + " " + table.creationDateTime();
    }
}
