package dev.dvalabs.appspec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * EC2/On-Premises rules. Sources: the AWS CodeDeploy user guide pages "AppSpec file structure",
 * "AppSpec 'files' section", "AppSpec 'permissions' section" and "AppSpec 'hooks' section"
 * (EC2/On-Premises part). The agent reads section names exactly as written, in lowercase.
 */
final class ServerRules {

    static final List<String> SECTIONS = List.of("version", "os", "files", "permissions", "hooks", "file_exists_behavior");
    static final int MAX_TIMEOUT = 3600;
    private static final List<String> FILE_KEYS = List.of("source", "destination");
    private static final List<String> FILE_EXISTS_VALUES = List.of("DISALLOW", "OVERWRITE", "RETAIN");
    private static final List<String> SCRIPT_KEYS = List.of("location", "timeout", "runas", "sudo");
    private static final List<String> PERMISSION_KEYS =
            List.of("object", "pattern", "except", "owner", "group", "mode", "acls", "context", "type");
    private static final List<String> CONTEXT_KEYS = List.of("user", "type", "range");
    private static final Set<String> OBJECT_TYPES = Set.of("file", "directory");
    private static final Pattern WINDOWS_ABSOLUTE = Pattern.compile("^[A-Za-z]:[\\\\/].*");
    private static final Pattern OCTAL_MODE = Pattern.compile("[0-7]{1,4}");

    private final Findings findings;
    private final MappingNode root;
    private final Path bundleRoot;
    private String os;
    private final List<String> destinations = new ArrayList<>();

    ServerRules(Findings findings, MappingNode root, Path bundleRoot) {
        this.findings = findings;
        this.root = root;
        this.bundleRoot = bundleRoot;
    }

    void check() {
        sections();
        os();
        section("files").ifPresent(this::files);
        section("file_exists_behavior").ifPresent(this::fileExistsBehavior);
        section("permissions").ifPresent(this::permissions);
        section("hooks").ifPresent(this::hooks);
    }

    private Optional<Node> section(String name) {
        return Nodes.find(root, name).map(Nodes.Entry::value);
    }

    private void sections() {
        for (Nodes.Entry entry : Nodes.entries(root)) {
            if (SECTIONS.contains(entry.key())) {
                continue;
            }
            Optional<String> sameIgnoringCase = SECTIONS.stream().filter(s -> s.equalsIgnoreCase(entry.key())).findFirst();
            if (sameIgnoringCase.isPresent()) {
                findings.error(entry.keyNode(), "key-case", "Rename '" + entry.key() + "' to '" + sameIgnoringCase.get()
                        + "'; the CodeDeploy agent reads EC2/On-Premises section names in lowercase only.");
            } else {
                String hint = Nodes.closest(entry.key(), SECTIONS).map(s -> "rename it to '" + s + "' or remove it")
                        .orElse("remove it");
                findings.warn(entry.keyNode(), "unknown-key", "CodeDeploy ignores the section '" + entry.key() + "'; " + hint + ".");
            }
        }
    }

    private void os() {
        Optional<Nodes.Entry> entry = Nodes.find(root, "os");
        if (entry.isEmpty()) {
            findings.error(root, "os-missing", "Add 'os: linux' (or 'os: windows') to say which operating system the instances run.");
            return;
        }
        Node value = entry.get().value();
        String text = Nodes.text(value).map(String::strip).orElse("");
        if (text.equals("linux") || text.equals("windows")) {
            os = text;
        } else if (text.equalsIgnoreCase("linux") || text.equalsIgnoreCase("windows")) {
            findings.error(value, "os-value", "Write os in lowercase, '" + text.toLowerCase(Locale.ROOT) + "'; the agent compares it exactly.");
        } else {
            findings.error(value, "os-value", "Set os to linux or windows; CodeDeploy knows no other value (found " + Nodes.kind(value) + ").");
        }
    }

    private boolean windows() {
        return "windows".equals(os);
    }

    private void files(Node value) {
        if (Nodes.isNull(value)) {
            findings.warn(value, "files-empty", "List what to copy under files ('- source: ... destination: ...') or remove the empty section.");
            return;
        }
        if (!(value instanceof SequenceNode sequence)) {
            findings.error(value, "files-not-list", "Write each files entry as a list item starting with '- source:'.");
            return;
        }
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode entry)) {
                findings.error(item, "files-entry", "Write this files entry as a mapping with source and destination keys.");
                continue;
            }
            for (Nodes.Entry key : Nodes.entries(entry)) {
                if (key.key().equals("file_exists_behavior")) {
                    findings.warn(key.keyNode(), "file-exists-behavior-placement", "Move file_exists_behavior to the top "
                            + "level of the file; CodeDeploy reads it there, once, for all files entries.");
                } else if (!FILE_KEYS.contains(key.key())) {
                    findings.warn(key.keyNode(), "files-unknown-key", "Remove '" + key.key()
                            + "'; a files entry takes only source and destination.");
                }
            }
            Optional<String> source = Nodes.find(entry, "source").flatMap(e -> Nodes.nonBlankText(e.value()));
            Optional<String> destination = Nodes.find(entry, "destination").flatMap(e -> Nodes.nonBlankText(e.value()));
            if (source.isEmpty()) {
                findings.error(entry, "files-source-missing", "Add 'source:' with the path to copy, relative to the bundle root ('/' copies the whole bundle).");
            } else {
                source(entry, source.get());
            }
            if (destination.isEmpty()) {
                findings.error(entry, "files-destination-missing", "Add 'destination:' with the absolute path on the instance to copy "
                        + source.orElse("the source") + " to.");
            } else {
                destination(Nodes.find(entry, "destination").get().value(), destination.get());
            }
        }
    }

    private void source(MappingNode entry, String source) {
        Node at = Nodes.find(entry, "source").get().value();
        if (source.equals("/") || source.equals("\\")) {
            return;
        }
        Optional<String> relative = BundlePaths.insideBundle(source);
        if (relative.isEmpty()) {
            findings.error(at, "files-source-escape", "Point source at a path inside the bundle; it is relative to the bundle root"
                    + " (a leading " + separator() + " means that root) and may not climb out with '..' or name a drive.");
        } else if (bundleRoot != null && !Files.exists(bundleRoot.resolve(relative.get()))) {
            findings.error(at, "files-source-not-found", "Add " + source + " to the bundle or fix the path; sources are relative to the directory holding appspec.yml.");
        } else if (bundleRoot != null && RealPaths.leadsOutside(bundleRoot, bundleRoot.resolve(relative.get()))) {
            findings.error(at, "files-source-outside-bundle", "Put the files themselves in the bundle; " + source
                    + " is a link that leads outside it, and a revision deploys only what it holds.");
        }
    }

    /** The separator this os writes paths with, for messages. */
    private String separator() {
        return windows() ? "'\\'" : "'/'";
    }

    private void destination(Node at, String destination) {
        boolean absolute = windows() ? WINDOWS_ABSOLUTE.matcher(destination).matches() : destination.startsWith("/");
        if (!absolute) {
            findings.error(at, "files-destination-relative", "Make destination a fully qualified path such as "
                    + (windows() ? "C:\\inetpub\\wwwroot" : "/var/www/html") + "; CodeDeploy does not resolve relative destinations.");
            return;
        }
        if (BundlePaths.hasDotDot(destination)) {
            findings.warn(at, "files-destination-dotdot", "Write the destination without '..' segments so where files land is plain to read.");
        }
        destinations.add(destination);
    }

    private void fileExistsBehavior(Node value) {
        String text = Nodes.text(value).map(String::strip).orElse("");
        if (FILE_EXISTS_VALUES.contains(text)) {
            return;
        }
        String hint = FILE_EXISTS_VALUES.stream().filter(v -> v.equalsIgnoreCase(text)).findFirst()
                .map(v -> "write it in uppercase, " + v).orElse("use DISALLOW, OVERWRITE or RETAIN");
        findings.error(value, "file-exists-behavior-value", "Set file_exists_behavior to one of its three values; " + hint + ".");
    }

    private void permissions(Node value) {
        if (Nodes.isNull(value)) {
            return;
        }
        if (windows()) {
            findings.error(value, "permissions-windows", "Remove the permissions section; it applies to Linux instances only and a Windows deployment fails with it.");
            return;
        }
        if (!(value instanceof SequenceNode sequence)) {
            findings.error(value, "permissions-not-list", "Write each permissions entry as a list item starting with '- object:'.");
            return;
        }
        for (Node item : sequence.getValue()) {
            if (item instanceof MappingNode entry) {
                permission(entry);
            } else {
                findings.error(item, "permissions-entry", "Write this permissions entry as a mapping starting with 'object:'.");
            }
        }
    }

    private void permission(MappingNode entry) {
        for (Nodes.Entry key : Nodes.entries(entry)) {
            if (!PERMISSION_KEYS.contains(key.key())) {
                findings.warn(key.keyNode(), "permissions-unknown-key", "Remove '" + key.key() + "'; a permissions entry takes "
                        + String.join(", ", PERMISSION_KEYS) + ".");
            }
        }
        Optional<String> object = Nodes.find(entry, "object").flatMap(e -> Nodes.nonBlankText(e.value()));
        if (object.isEmpty()) {
            findings.error(entry, "permissions-object-missing", "Add 'object:' with the installed file or directory these permissions apply to.");
        } else {
            object(Nodes.find(entry, "object").get().value(), object.get(), entry);
        }
        Nodes.find(entry, "type").ifPresent(e -> objectTypes(e.value()));
        Nodes.find(entry, "mode").ifPresent(e -> mode(e.value()));
        for (String name : List.of("owner", "group", "pattern")) {
            Nodes.find(entry, name).filter(e -> !(e.value() instanceof ScalarNode) || Nodes.nonBlankText(e.value()).isEmpty())
                    .ifPresent(e -> findings.error(e.value(), "permissions-" + name + "-value",
                            "Give " + name + " as a single non-empty string."));
        }
        for (String name : List.of("except", "acls")) {
            Nodes.find(entry, name).filter(e -> !(e.value() instanceof SequenceNode))
                    .ifPresent(e -> findings.error(e.value(), "permissions-" + name + "-not-list",
                            "Write " + name + " as a list, e.g. " + name + ": [" + ("acls".equals(name) ? "u:bob:rw" : "README.txt") + "]."));
        }
        Nodes.find(entry, "context").ifPresent(e -> context(e.value()));
    }

    private void object(Node at, String object, MappingNode entry) {
        if (!object.startsWith("/")) {
            findings.warn(at, "permissions-object-relative", "Make object an absolute path on the instance, like the files destinations it refers to.");
            return;
        }
        if (!destinations.isEmpty() && destinations.stream().noneMatch(d -> BundlePaths.related(d, object))) {
            findings.warn(at, "permissions-object-not-installed", "Point object at a files destination or a path inside one; permissions apply only to what the files section copies.");
        }
        String last = object.endsWith("/") ? "" : object.substring(object.lastIndexOf('/') + 1);
        boolean looksLikeFile = last.lastIndexOf('.') > 0;
        boolean selects = Nodes.find(entry, "pattern").flatMap(e -> Nodes.text(e.value())).filter(p -> !p.equals("**")).isPresent()
                || Nodes.find(entry, "except").isPresent();
        if (looksLikeFile && selects) {
            findings.warn(at, "permissions-pattern-on-file", "Point object at the directory holding " + last
                    + " or drop pattern/except; they select entries inside a directory and fail on a file.");
        }
    }

    private void objectTypes(Node value) {
        if (!(value instanceof SequenceNode sequence)) {
            findings.error(value, "permissions-type-not-list", "Write type as a list, e.g. 'type: [file]' or a '- directory' item.");
            return;
        }
        for (Node item : sequence.getValue()) {
            String text = Nodes.text(item).orElse("");
            if (!OBJECT_TYPES.contains(text)) {
                findings.error(item, "permissions-type-value", "Set each type to file or directory (found " + Nodes.kind(item) + ").");
            }
        }
    }

    private void mode(Node value) {
        String text = Nodes.text(value).map(String::strip).orElse("");
        if (Nodes.isPlainScalar(value) && text.length() > 1 && text.startsWith("0") && OCTAL_MODE.matcher(text).matches()) {
            findings.error(value, "mode-leading-zero", "Quote the mode (\"" + text + "\") or drop the leading zero ("
                    + text.replaceFirst("^0+(?=.)", "") + "); unquoted, YAML reads " + text + " as an octal number and the agent gets other bits.");
        } else if (!OCTAL_MODE.matcher(text).matches()) {
            findings.error(value, "mode-value", "Give mode as one to four octal digits such as 644 or \"0755\"; symbolic modes like u+x are not supported.");
        }
    }

    private void context(Node value) {
        if (!(value instanceof MappingNode mapping)) {
            findings.error(value, "permissions-context-not-mapping", "Write context as a mapping with user, type and range keys.");
            return;
        }
        for (Nodes.Entry key : Nodes.entries(mapping)) {
            if (!CONTEXT_KEYS.contains(key.key())) {
                findings.warn(key.keyNode(), "permissions-context-unknown-key", "Remove '" + key.key() + "'; an SELinux context takes user, type and range.");
            }
        }
    }

    private void hooks(Node value) {
        if (Nodes.isNull(value)) {
            findings.warn(value, "hooks-empty", "List lifecycle events with their scripts under hooks, or remove the empty section.");
            return;
        }
        if (!(value instanceof MappingNode mapping)) {
            findings.error(value, "hooks-not-mapping", "Write hooks as a mapping from event name to scripts, e.g. 'AfterInstall:' then '- location: scripts/after_install.sh'"
                    + (value instanceof SequenceNode ? " (the '- Event: Function' list form is for Lambda and ECS)" : "") + ".");
            return;
        }
        HookNames names = new HookNames(findings, ComputePlatform.SERVER);
        for (Nodes.Entry event : Nodes.entries(mapping)) {
            if (names.accept(event.key(), event.keyNode())) {
                scripts(event);
            }
        }
    }

    private void scripts(Nodes.Entry event) {
        Node value = event.value();
        if (Nodes.isNull(value)) {
            findings.error(event.keyNode(), "hook-entries-missing", "List at least one script under " + event.key()
                    + " ('- location: scripts/x.sh') or remove the event.");
            return;
        }
        if (!(value instanceof SequenceNode sequence)) {
            findings.error(value, "hook-entries-not-list", "Start each script under " + event.key()
                    + " with '- location:' so it is a list item" + (value instanceof ScalarNode ? "; EC2 hooks run scripts, not Lambda functions" : "") + ".");
            return;
        }
        long total = 0;
        for (Node item : sequence.getValue()) {
            if (item instanceof MappingNode script) {
                total += script(event.key(), script);
            } else {
                findings.error(item, "hook-entry-not-mapping", "Write this " + event.key() + " script as '- location: path' with optional timeout and runas.");
            }
        }
        if (total > MAX_TIMEOUT) {
            findings.warn(event.keyNode(), "timeout-total", "Bring the timeouts of " + event.key() + " down to 3600 seconds in total; the whole event fails once it runs past one hour.");
        }
    }

    /**
     * Checks one script entry and returns its explicit timeout, for the per-event total; scripts
     * left at the one-hour default are not summed, or any event with two scripts would be flagged.
     */
    private long script(String event, MappingNode script) {
        for (Nodes.Entry key : Nodes.entries(script)) {
            if (!SCRIPT_KEYS.contains(key.key())) {
                String hint = Nodes.closest(key.key(), SCRIPT_KEYS).map(k -> "rename it to " + k).orElse("remove it");
                findings.warn(key.keyNode(), "hook-unknown-key", "The agent ignores '" + key.key() + "' in a script entry; " + hint + ".");
            }
        }
        Optional<Nodes.Entry> location = Nodes.find(script, "location");
        Optional<String> path = location.flatMap(e -> Nodes.nonBlankText(e.value()));
        if (path.isEmpty()) {
            findings.error(script, "hook-location-missing", "Add 'location:' with the script path, relative to the bundle root, to this " + event + " entry.");
        } else {
            Node at = location.get().value();
            Optional<String> relative = BundlePaths.insideBundle(path.get());
            if (relative.isEmpty()) {
                findings.error(at, "hook-location-escape", "Give location relative to the bundle root, without '..' climbing out of it or a drive letter; CodeDeploy runs scripts from the revision.");
            } else if (bundleRoot != null && !Files.isRegularFile(bundleRoot.resolve(relative.get()))) {
                findings.error(at, "hook-location-not-found", "Add " + path.get() + " to the bundle or fix the path; it is relative to the directory holding appspec.yml.");
            } else if (bundleRoot != null && RealPaths.leadsOutside(bundleRoot, bundleRoot.resolve(relative.get()))) {
                findings.error(at, "hook-location-outside-bundle", "Put the script itself in the bundle; " + path.get()
                        + " is a link that leads outside it, and CodeDeploy runs only scripts the revision holds.");
            } else if (!windows() && BundlePaths.rooted(path.get())) {
                // AWS's Linux examples never start a location with '/', and learners who do usually mean
                // a path on the instance; the agent reads it from the bundle root all the same.
                findings.warn(at, "hook-location-rooted", "Write location without the leading '/'; the agent reads "
                        + path.get() + " from the bundle root, not from the instance's file system.");
            }
        }
        long seconds = 0;
        Optional<Nodes.Entry> timeout = Nodes.find(script, "timeout");
        if (timeout.isPresent()) {
            Node value = timeout.get().value();
            Optional<Long> parsed = Nodes.text(value).map(String::strip).filter(t -> t.matches("[+-]?\\d{1,18}")).map(Long::parseLong);
            if (parsed.isEmpty() || parsed.get() <= 0) {
                findings.error(value, "timeout-invalid", "Give timeout as a whole number of seconds from 1 to 3600 (found " + Nodes.kind(value) + ").");
            } else if (parsed.get() > MAX_TIMEOUT) {
                findings.error(value, "timeout-too-long", "Lower timeout to 3600 seconds or less; one hour is the most CodeDeploy allows a lifecycle event.");
            } else {
                seconds = parsed.get();
            }
        }
        Nodes.find(script, "runas").ifPresent(runas -> {
            if (windows()) {
                findings.error(runas.keyNode(), "runas-windows", "Remove runas; it applies to Amazon Linux, RHEL and Ubuntu Server instances only.");
            } else if (Nodes.nonBlankText(runas.value()).isEmpty() || !(runas.value() instanceof ScalarNode)) {
                findings.error(runas.value(), "runas-value", "Give runas the name of a user that needs no password, or remove it to run as the agent's user.");
            }
        });
        return seconds;
    }
}
