package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.loop.Loop;
import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * exercise's stacks do not deploy there, unless exercise.yaml's {@code corpus:} names that emulator (its
 * scripts build by hand what the emulator does offer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MistakeCorpusTest {

    private final Map<Emulator, LocalEmulator> emulators = new HashMap<>();
    private final Map<String, Set<String>> correctSkips = new HashMap<>();
    private AwsCli cli;

    @BeforeAll
    void installTheCli() {
        cli = AwsCli.install();
    }

    @AfterAll
    void stopEmulators() {
        emulators.values().forEach(LocalEmulator::close);
    }

    /** One script of one exercise on one emulator; correct scripts first, so their SKIPs are known. */
    Stream<Arguments> scripts() throws IOException {
        List<Arguments> all = new java.util.ArrayList<>();
        // -Dcorpus.exercise=<id> runs one exercise's corpus, while writing it.
        String only = System.getProperty("corpus.exercise", "");
        for (Exercise exercise : Catalog.load().all()) {
            Path corpus = Path.of(exercise.id(), "corpus");
            if (!Files.isDirectory(corpus) || !(only.isEmpty() || only.equals(exercise.id()))) {
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
                scripts.forEach(s -> all.add(Arguments.of(exercise.id() + " " + s.getFileName() + " on " + emulator.project(),
                        exercise, s, emulator)));
            }
        }
        return all.stream();
    }

    private static boolean isMistake(Path script) {
        return script.getFileName().toString().startsWith("mistake-");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void corpusScriptIsJudgedRight(String name, Exercise exercise, Path script, Emulator kind) throws Exception {
        LocalEmulator emulator = emulators.computeIfAbsent(kind,
                k -> LocalEmulator.start(new LocalEmulator.Options().withEmulator(k)));
        emulator.reset();
        String text = Files.readString(script);
        AwsCli.Ran ran = cli.run(script.toAbsolutePath(), emulator);
        assertThat(ran.exitCode()).as(script + " printed:\n" + ran.output()).isZero();

        Report report = new Loop(emulator, new PrintWriter(new StringWriter())).verify(exercise, header(text, "names")
                .map(MistakeCorpusTest::names).orElse(Map.of()));
        String checklist = report.outcomes().stream().map(o -> o.status() + " " + o.id() + ": " + o.result().observed())
                .collect(Collectors.joining("\n"));
        String key = exercise.id() + "@" + kind;
        if (!isMistake(script)) {
            assertThat(report.ids(Status.FAIL)).as(checklist).isEmpty();
            assertThat(report.ids(Status.ERROR)).as(checklist).isEmpty();
            correctSkips.merge(key, report.ids(Status.SKIP), (a, b) -> a.stream().filter(b::contains).collect(Collectors.toSet()));
            return;
        }
        // An emulator that gets AWS wrong in a way the mistake meets may fail it by fewer checks; the script
        // then says so for that emulator ("# fails.moto: ..."), and the aimed check must still FAIL there.
        Set<String> aimed = header(text, "fails." + kind.project()).or(() -> header(text, "fails")).map(v -> Arrays.stream(v.split(",")).map(String::strip)
                .collect(Collectors.toSet())).orElseThrow(() -> new AssertionError(script + " has no '# fails:' line"));
        assertThat(report.ids(Status.FAIL)).as(checklist).isEqualTo(aimed);
        assertThat(report.ids(Status.ERROR)).as(checklist).isEmpty();
        assertThat(report.ids(Status.SKIP)).as("a mistake produces no SKIP the correct build does not show\n" + checklist)
                .isSubsetOf(correctSkips.getOrDefault(key, Set.of()));
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
