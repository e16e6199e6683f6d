package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.Target;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.net.URI;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** What the exercises' end-to-end tests share: a strict view of the emulator and the starter's verdict. */
public final class ExerciseRuns {

    private ExerciseRuns() {}

    /** The emulator as if it had no known deviations: every check judged as strictly as on real AWS. */
    public static Target strict(LocalEmulator emulator) {
        return new Target() {
            public String name() {
                return "strict";
            }

            public Optional<URI> endpoint() {
                return emulator.endpoint();
            }

            public Region region() {
                return emulator.region();
            }

            public AwsCredentialsProvider credentials() {
                return emulator.credentials();
            }

            public void close() {}
        };
    }

    /** Exactly these checks fail, each with a hint, and none errs. */
    public static void failsExactly(Report report, Set<String> failing) {
        assertThat(report.ids(Status.FAIL)).isEqualTo(failing);
        assertThat(report.ids(Status.ERROR)).isEmpty();
        assertThat(report.outcomes()).filteredOn(o -> o.status() == Status.FAIL)
                .allSatisfy(o -> assertThat(o.hint()).as(o.id()).isNotBlank());
    }
}
