package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exercise's mistake corpus, run as a learner would: each script in {@code exercises/<id>/corpus/}
 * builds the exercise's resources by hand with the AWS CLI on a freshly reset emulator, then the
 * exercise is verified. A {@code correct*.sh} script (the instructions followed, or followed with
 * harmless extras) passes every check; a {@code mistake-*.sh} script, whose header says
 * {@code # fails: <check>[, <check>...]} (or, where an emulator's recorded deviation changes what else
 * follows from the mistake, {@code # fails.moto: ...} for that emulator), fails exactly those checks, never as SKIP, and a mistake never
 * produces a SKIP that the correct build on the same emulator does not show. A header
 * {@code # names: key=value, ...} verifies under other names, as {@code labs verify --name} does. The
 * corpus runs on ministack and on moto, except on an emulator whose deviations.yaml says the
 * exercise's stacks do not deploy there; an exercise.yaml's {@code corpus:} names the emulators it runs
 * on instead (its scripts build by hand what the emulator does offer; moto runs no Lambda function).
 * Scripts run several at a time ({@link CorpusWorkers}), each on an emulator of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MistakeCorpusTest {

    /** One script of one exercise on one emulator. */
    private record Script(String name, Exercise exercise, Path path, Emulator emulator) {
        String key() {
            return exercise.id() + "@" + emulator;
        }
    }

    private List<Script> corpus;
    private final Map<Script, Future<CorpusWorkers.Run>> runs = new HashMap<>();
    private AwsCli cli;
    private CorpusWorkers workers;

    /**
     * Every script starts at once on a few workers, each with emulators of its own; the tests below then
     * judge each script's run, in order, as it finishes.
     */
    @BeforeAll
    void runTheCorpus() throws IOException {
        corpus = corpus();
        cli = AwsCli.install(corpus.stream().map(s -> s.path().getParent()).distinct().toList());
        workers = new CorpusWorkers(cli, CorpusWorkers.defaultCount());
        for (Script script : corpus) {
            String text = Files.readString(script.path());
            runs.put(script, workers.submit(script.exercise(), script.path(), script.emulator(),
                    header(text, "names").map(MistakeCorpusTest::names).orElse(Map.of())));
        }
    }

    @AfterAll
    void stopTheWorkers() throws Exception {
        try (AwsCli stopped = cli) {
            workers.close();
        }
    }

    Stream<Arguments> scripts() {
        return corpus.stream().map(s -> Arguments.of(s.name(), s));
    }

    /** Every corpus script on every emulator it runs on; correct scripts first within an exercise. */
    private static List<Script> corpus() throws IOException {
        List<Script> all = new ArrayList<>();
        String only = System.getProperty("corpus.exercise"); // -Dcorpus.exercise=<id>: one exercise's corpus, while writing it
        for (Exercise exercise : Catalog.load().all()) {
            Path corpus = Path.of(exercise.id(), "corpus");
            if (only != null && !only.equals(exercise.id())) {
                continue;
            }
            if (!Files.isDirectory(corpus)) {
                continue;
            }
            List<Path> scripts;
            try (Stream<Path> files = Files.list(corpus)) {
                scripts = files.filter(f -> f.getFileName().toString().endsWith(".sh"))
                        .sorted((a, b) -> Boolean.compare(isMistake(a), isMistake(b)) != 0
                                ? Boolean.compare(isMistake(a), isMistake(b)) : a.compareTo(b))
                        .toList();
            }
            for (Emulator emulator : Emulator.values()) {
                if (!exercise.corpusRunsOn(emulator.project())) {
                    continue;
                }
                scripts.forEach(s -> all.add(new Script(exercise.id() + " " + s.getFileName() + " on " + emulator.project(),
                        exercise, s, emulator)));
            }
        }
        return all;
    }

    private static boolean isMistake(Path script) {
        return script.getFileName().toString().startsWith("mistake-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void corpusScriptIsJudgedRight(String name, Script script) throws Exception {
        CorpusWorkers.Run run = CorpusWorkers.await(runs.get(script));
        AwsCli.Ran ran = run.script();
        assertThat(ran.exitCode()).as(script.path() + " printed:\n" + ran.output()).isZero();

        Report report = run.report();
        String checklist = report.outcomes().stream().map(o -> o.status() + " " + o.id() + ": " + o.result().observed())
                .collect(Collectors.joining("\n"));
        if (!isMistake(script.path())) {
            assertThat(report.ids(Status.FAIL)).as(checklist).isEmpty();
            assertThat(report.ids(Status.ERROR)).as(checklist).isEmpty();
            return;
        }
        // An emulator that gets AWS wrong in a way the mistake meets may fail it by fewer checks; the script
        // then says so for that emulator ("# fails.moto: ..."), and the aimed check must still FAIL there.
        String text = Files.readString(script.path());
        Emulator kind = script.emulator();
        Set<String> aimed = header(text, "fails." + kind.project()).or(() -> header(text, "fails")).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .collect(Collectors.toSet())).orElseThrow(() -> new AssertionError(script.path() + " has no '# fails:' line"));
        assertThat(report.ids(Status.FAIL)).as(checklist).isEqualTo(aimed);
        assertThat(report.ids(Status.ERROR)).as(checklist).isEmpty();
        assertThat(report.ids(Status.SKIP)).as("a mistake produces no SKIP the correct build does not show\n" + checklist)
                .isSubsetOf(correctSkips(script.key()));
    }

    /** The SKIPs every correct build of the exercise on that emulator shows, of those that passed. */
    private Set<String> correctSkips(String key) throws Exception {
        Set<String> skips = null;
        for (Script correct : corpus) {
            if (!correct.key().equals(key) || isMistake(correct.path())) {
                continue;
            }
            Report report = CorpusWorkers.await(runs.get(correct)).report();
            if (report == null || !report.ids(Status.FAIL).isEmpty() || !report.ids(Status.ERROR).isEmpty()) {
                continue;
            }
            Set<String> these = report.ids(Status.SKIP);
            skips = skips == null ? new HashSet<>(these) : skips.stream().filter(these::contains).collect(Collectors.toSet());
        }
        return skips == null ? Set.of() : skips;
    }

    /** A header line of a corpus script: {@code # fails: a, b} or {@code # names: table=x}. */
    private static java.util.Optional<String> header(String script, String field) {
        return script.lines().filter(l -> l.startsWith("# " + field + ":")).findFirst()
                .map(l -> l.substring(("# " + field + ":").length()).strip());
    }

    private static Map<String, String> names(String value) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            String[] kv = pair.strip().split("=", 2);
            names.put(kv[0], kv[1]);
        }
        return names;
    }
}
