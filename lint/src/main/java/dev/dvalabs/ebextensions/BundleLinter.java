package dev.dvalabs.ebextensions;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.appspec.YamlText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Lints an Elastic Beanstalk source bundle, a folder or a .zip: {@code .ebextensions/} at the bundle's top
 * level (Elastic Beanstalk reads it nowhere else), each {@code .config} file in it by {@link ConfigLinter},
 * and files there that Elastic Beanstalk skips because they do not end in {@code .config}.
 */
public final class BundleLinter {

    static final String FOLDER = ".ebextensions";
    static final int MAX_ENTRIES = 1_000;
    static final long MAX_BYTES = 10L * 1024 * 1024;

    /** A finding in one file of the bundle, its path relative to the bundle's top. */
    public record Located(String file, Finding finding) {
        public String format(String bundle) {
            // A finding about the bundle as a whole is the bundle's own, not a file's in it.
            return finding.format(file.equals(".") ? bundle : bundle + "/" + file);
        }
    }

    /** A bundle that cannot be read at all: not there, too large, or a zip that is not one. */
    public static final class BadBundleException extends Exception {
        BadBundleException(String message) {
            super(message);
        }
    }

    public List<Located> lint(Path bundle) throws BadBundleException {
        if (Files.isRegularFile(bundle)) {
            try (InputStream in = Files.newInputStream(bundle)) {
                return lintZip(in);
            } catch (IOException e) {
                throw new BadBundleException("Cannot read " + bundle + ": " + e.getMessage() + ".");
            }
        }
        if (!Files.isDirectory(bundle)) {
            throw new BadBundleException("Cannot read " + bundle + ": give a source bundle's folder or .zip.");
        }
        Map<String, byte[]> files = new TreeMap<>();
        try {
            Path top = bundle.toRealPath();
            long total = 0;
            try (Stream<Path> walk = Files.walk(top)) {
                for (Path path : (Iterable<Path>) walk::iterator) {
                    String name = top.relativize(path).toString().replace('\\', '/');
                    // A link is read only when it leads to a file inside the bundle: the linter prints the lines it
                    // reads, so a link out would print another file's text (and Elastic Beanstalk reads none of it).
                    if (Files.isSymbolicLink(path) && !leadsInside(top, path)) {
                        throw new BadBundleException("'" + name + "' in " + bundle + " is a link that leads outside the"
                                + " bundle or nowhere; put the file itself in the bundle.");
                    }
                    if (!Files.isRegularFile(path)) {
                        continue;
                    }
                    total += Files.size(path);
                    if (files.size() >= MAX_ENTRIES || total > MAX_BYTES) {
                        throw new BadBundleException(bundle + " is not a source bundle: over " + MAX_ENTRIES + " files or "
                                + MAX_BYTES + " bytes.");
                    }
                    files.put(name, Files.readAllBytes(path));
                }
            }
        } catch (IOException e) {
            throw new BadBundleException("Cannot read " + bundle + ": " + e.getMessage() + ".");
        }
        return lint(files);
    }

    /** Lints a zipped bundle as Elastic Beanstalk receives it, without unpacking it anywhere. */
    public List<Located> lintZip(InputStream in) throws BadBundleException {
        Map<String, byte[]> files = new TreeMap<>();
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (files.size() >= MAX_ENTRIES) {
                    throw new BadBundleException("The bundle has over " + MAX_ENTRIES + " entries; it is not a source bundle.");
                }
                if (leaves(entry.getName())) {
                    throw new BadBundleException("The bundle's entry '" + entry.getName() + "' leaves the bundle (an"
                            + " absolute path or ..); zip the bundle from inside its folder.");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] content = zip.readNBytes((int) (MAX_BYTES - total + 1));
                total += content.length;
                if (total > MAX_BYTES) {
                    throw new BadBundleException("The bundle is over " + MAX_BYTES + " bytes unpacked.");
                }
                files.put(entry.getName(), content);
            }
        } catch (IOException e) {
            throw new BadBundleException("The bundle is not a readable zip: " + e.getMessage() + ".");
        }
        if (files.isEmpty()) {
            throw new BadBundleException("The bundle is empty or not a zip.");
        }
        return lint(files);
    }

    private static boolean leadsInside(Path top, Path link) {
        try {
            return link.toRealPath().startsWith(top);
        } catch (IOException e) {
            return false;
        }
    }

    /** A zip entry's name that would unpack outside the folder it is unpacked in. */
    static boolean leaves(String entryName) {
        String name = entryName.replace('\\', '/');
        return name.startsWith("/") || name.matches("[A-Za-z]:.*") || List.of(name.split("/")).contains("..");
    }

    /** Lints the bundle's files, by path from the bundle's top. */
    public List<Located> lint(Map<String, byte[]> files) {
        List<Located> found = new ArrayList<>();
        List<String> configs = files.keySet().stream().filter(p -> p.startsWith(FOLDER + "/")).toList();
        if (configs.isEmpty()) {
            Optional<String> nested = files.keySet().stream().filter(p -> p.contains("/" + FOLDER + "/")).findFirst();
            found.add(new Located(nested.orElse("."), new Finding(Finding.Severity.ERROR, 1, 1,
                    nested.isPresent() ? "ebextensions-not-top-level" : "ebextensions-missing",
                    nested.isPresent()
                            ? "Move " + FOLDER + "/ to the top of the bundle; Elastic Beanstalk reads it only there, and this"
                                    + " one is inside " + nested.get().substring(0, nested.get().indexOf("/" + FOLDER + "/")) + "/."
                            : "Add a " + FOLDER + "/ folder with a .config file at the top of the bundle.")));
            return found;
        }
        boolean anyConfig = false;
        for (String path : configs) {
            String name = path.substring(FOLDER.length() + 1);
            if (name.contains("/")) {
                found.add(new Located(path, new Finding(Finding.Severity.WARNING, 1, 1, "config-in-subfolder",
                        "Put the .config file directly in " + FOLDER + "/; Elastic Beanstalk does not read subfolders.")));
                continue;
            }
            if (!name.endsWith(".config")) {
                found.add(new Located(path, new Finding(Finding.Severity.ERROR, 1, 1, "not-a-config",
                        "Name the file with the .config extension; Elastic Beanstalk skips '" + name + "'.")));
                continue;
            }
            anyConfig = true;
            Optional<String> text = YamlText.decode(files.get(path));
            List<Finding> findings = text.isEmpty() ? List.of(YamlText.notText(ConfigLinter.KIND))
                    : new ConfigLinter().lint(text.get());
            findings.forEach(f -> found.add(new Located(path, f)));
        }
        if (!anyConfig && found.stream().noneMatch(l -> l.finding().isError())) {
            found.add(new Located(FOLDER, new Finding(Finding.Severity.ERROR, 1, 1, "no-config",
                    "Add a .config file to " + FOLDER + "/; it holds none Elastic Beanstalk reads.")));
        }
        return List.copyOf(found);
    }

    public static boolean hasErrors(List<Located> found) {
        return found.stream().anyMatch(l -> l.finding().isError());
    }
}
