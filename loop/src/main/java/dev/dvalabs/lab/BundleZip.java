package dev.dvalabs.lab;

import dev.dvalabs.cdk.Variant;
import io.github.classgraph.ClassGraph;
import io.github.classgraph.Resource;
import io.github.classgraph.ScanResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A folder of an exercise (a source bundle) zipped from the build's classpath with its files at the zip's
 * root, as a service wants a bundle: CodeDeploy's appspec.yml, Elastic Beanstalk's .ebextensions/ at the top.
 */
public final class BundleZip {

    private BundleZip() {
    }

    /** Every file of the folder; {@code keep} sees each path relative to the folder. */
    public static byte[] of(String exerciseId, String folder, Predicate<String> keep) {
        String root = "exercises/" + exerciseId + "/" + folder + "/";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ScanResult scan = new ClassGraph().acceptPaths(root).scan();
             ZipOutputStream zip = new ZipOutputStream(bytes)) {
            List<Resource> files = scan.getAllResources().stream()
                    .filter(r -> r.getPath().startsWith(root))
                    .filter(r -> keep.test(r.getPath().substring(root.length())))
                    .sorted(Comparator.comparing(Resource::getPath)).toList();
            if (files.isEmpty()) {
                throw new IllegalStateException("the build has no " + root + " on the classpath");
            }
            for (Resource file : files) {
                zip.putNextEntry(new ZipEntry(file.getPath().substring(root.length())));
                zip.write(file.load());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** One file of an exercise's folder, {@code path} relative to it, from the build's classpath (a site, a function's source). */
    public static byte[] file(String exerciseId, String path) {
        String resource = "exercises/" + exerciseId + "/" + path;
        try (InputStream in = BundleZip.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the build has no " + resource + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The folder of a variant's bundle named {@code bundle}: {@code starter-<bundle>} beside the starter, and
     * {@code solution/<bundle>} for the solution, which a learner opens only on purpose.
     */
    public static String folder(Variant variant, String bundle) {
        return variant == Variant.SOLUTION ? "solution/" + bundle : "starter-" + bundle;
    }

    /** Whether a path relative to the bundle names no hidden file or folder. */
    public static boolean visible(String path) {
        return !("/" + path).contains("/.");
    }
}
