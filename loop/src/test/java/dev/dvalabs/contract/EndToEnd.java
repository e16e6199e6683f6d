package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.destroy.Teardown;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.Target;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Report;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What an exercise's end-to-end test shares: the exercise, what the toolkit printed, the loop's deploy and
 * verify, and after each test a destroy on the shared emulator that must leave nothing of the exercise
 * (failing with what was printed), followed by the test's own extra cleanup in the order it was added.
 *
 * <pre>{@code
 * @ExtendWith(LocalEmulatorExtension.class)
 * class MyExerciseTest {
 *     static final String ID = new MyExercise().id();
 *
 *     @TempDir
 *     Path state;
 *
 *     @RegisterExtension
 *     final EndToEnd lab = new EndToEnd(ID).isolatedIn(() -> state)
 *             .afterDestroy(emulator -> deleteWhatTheTestsMadeByHand(emulator));
 *
 *     @Test
 *     void solutionPasses(LocalEmulator emulator) {
 *         lab.deploy(emulator, Variant.SOLUTION);
 *         assertThat(lab.verify(emulator).ids(Status.FAIL)).isEmpty();
 *     }
 * }
 * }</pre>
 *
 * Registered on an instance field, each test gets its own: what one test printed is not another's.
 */
public final class EndToEnd implements BeforeEachCallback, AfterEachCallback {

    /** Where the toolkit records the emulators it started; a test that sets it keeps out of a learner's. */
    private static final String STATE_DIR = "dva-labs.state-dir";

    private final String id;
    private final Exercise exercise;
    private final StringWriter printed = new StringWriter();
    private final PrintWriter out = new PrintWriter(printed, true);
    private final List<Consumer<LocalEmulator>> afterDestroy = new ArrayList<>();
    private Supplier<Path> stateDir;
    private Supplier<LocalEmulator> emulator;

    public EndToEnd(String id) {
        this.id = id;
        this.exercise = Catalog.load().find(id).orElseThrow();
    }

    /** Records started emulators in the given folder during each test (read when the test starts: a {@code @TempDir}). */
    public EndToEnd isolatedIn(Supplier<Path> stateDir) {
        this.stateDir = stateDir;
        return this;
    }

    /** Destroys on this emulator after each test (one the test class started itself, moto say), not the shared one. */
    public EndToEnd on(Supplier<LocalEmulator> emulator) {
        this.emulator = emulator;
        return this;
    }

    /** Runs after each test's destroy, in the order added: what the toolkit may not delete, the test deletes here. */
    public EndToEnd afterDestroy(Consumer<LocalEmulator> cleanup) {
        afterDestroy.add(cleanup);
        return this;
    }

    public Exercise exercise() {
        return exercise;
    }

    /** Where the loops of this test print. */
    public PrintWriter out() {
        return out;
    }

    /** Everything printed to {@link #out()} so far. */
    public String printed() {
        return printed.toString();
    }

    public Deployer.Deployed deploy(Target target, Variant variant) {
        return new Loop(target, out).deploy(exercise, variant);
    }

    public Deployer.Deployed deploy(Target target, Variant variant, Map<String, String> names) {
        return new Loop(target, out).deploy(exercise, variant, names);
    }

    /** Verifies the exercise under its own names. */
    public Report verify(Target target) {
        return verify(target, exercise.names());
    }

    public Report verify(Target target, Map<String, String> names) {
        return new Loop(target, out).verify(exercise, names);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (stateDir != null) {
            System.setProperty(STATE_DIR, stateDir.get().toString());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (stateDir != null) {
            System.clearProperty(STATE_DIR);
        }
        LocalEmulator emulator = this.emulator != null ? this.emulator.get() : LocalEmulatorExtension.emulator(context);
        Teardown.Result result = new Teardown(emulator, out).destroy(id);
        assertThat(result.remaining()).as(printed()).isEmpty();
        afterDestroy.forEach(cleanup -> cleanup.accept(emulator));
    }
}
