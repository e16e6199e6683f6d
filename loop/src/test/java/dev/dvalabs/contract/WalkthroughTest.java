package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.cdk.TargetKind;
import dev.dvalabs.cdk.Variant;
import dev.dvalabs.deploy.Synthesizer;
import dev.dvalabs.exercise.Catalog;
import dev.dvalabs.exercise.Exercise;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/adding-an-exercise.md is true: the files it shows, put in a folder of their own and compiled as
 * the build compiles an exercise folder, make an exercise that the catalog finds by its registration and
 * that meets the contract every exercise meets. Runs in the contract module, in the exercises folder (the page is one level up).
 */
@ExtendWith(LocalEmulatorExtension.class)
class WalkthroughTest {

    private static final Path PAGE = Path.of("..", "docs", "adding-an-exercise.md");
    /** A fenced block whose info string names the file it holds: ```java SqsVisibility.java */
    private static final Pattern FILE_BLOCK = Pattern.compile("(?ms)^```\\w+ (\\S+)\\n(.*?)^```");

    @Test
    @DisplayName("the walkthrough's folder, and nothing else, adds an exercise that meets the contract")
    void walkthroughMakesAnExercise(@TempDir Path work, LocalEmulator emulator) throws Exception {
        Map<String, String> files = filesOf(Files.readString(PAGE));
        assertThat(files).containsKeys("exercise.yaml", "instructions.md");
        String id = files.get("exercise.yaml").lines().filter(l -> l.startsWith("id: ")).findFirst()
                .orElseThrow().substring(4).strip();

        Path classes = Files.createDirectories(work.resolve("classes"));
        Path folder = Files.createDirectories(classes.resolve("exercises").resolve(id));
        List<Path> sources = new ArrayList<>();
        Path src = work.resolve("src");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path written = (file.getKey().endsWith(".java") ? src : folder).resolve(file.getKey());
            Files.createDirectories(written.getParent());
            Files.writeString(written, file.getValue());
            if (file.getKey().endsWith(".java")) {
                sources.add(written);
            }
        }
        compile(sources, classes);

        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            Exercise exercise = Catalog.load().find(id).orElseThrow(() -> new AssertionError(id + " is not registered"));
            LabContractTest.assertConsistent(exercise);
            SolutionApartTest.assertNoSolutionBesideTheStarter(src);
            SolutionApartTest.assertSolutionApart(exercise, src);
            List<Path> templates = new ArrayList<>();
            for (Variant variant : Variant.values()) {
                templates.add(Files.writeString(work.resolve(ExerciseStack.nameOf(id, variant) + ".json"),
                        Synthesizer.synthesize(exercise.lab(), variant, TargetKind.EMULATOR)));
            }
            CfnLint.Findings findings = CfnLint.lint(templates);
            assertThat(findings.errors()).as(findings.output()).isFalse();
            LabContractTest.assertSolutionPasses(exercise, emulator);
            LabContractTest.assertStarterFailsItsListedChecks(exercise, emulator);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The page's files, by name, in the order the page shows them. */
    static Map<String, String> filesOf(String page) {
        Map<String, String> files = new LinkedHashMap<>();
        Matcher m = FILE_BLOCK.matcher(page);
        while (m.find()) {
            files.put(m.group(1), m.group(2));
        }
        return files;
    }

    /**
     * This JVM's classpath, and the registration annotation's jar: the exercises module compiles with it,
     * but surefire's class path does not always list it by name for javac.
     */
    private static String classpath() {
        try {
            Path annotations = Path.of(Class.forName("com.google.auto.service.AutoService")
                    .getProtectionDomain().getCodeSource().getLocation().toURI());
            return System.getProperty("java.class.path") + java.io.File.pathSeparator + annotations;
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new AssertionError("the contract module's test class path lacks @AutoService", e);
        }
    }

    /** Compiles as the build compiles an exercise folder: against the toolkit, with the @AutoService processor. */
    private static void compile(List<Path> sources, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(),
                "-classpath", classpath(), "--release", "17"));
        sources.forEach(s -> arguments.add(s.toString()));
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        int code = javac.run(null, said, said, arguments.toArray(String[]::new));
        assertThat(code).as(said.toString()).isZero();
    }
}
