package dev.dvalabs.appspec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One bundle as a rehearsal reads it: linted, and refused unless it is an EC2/On-Premises Linux
 * revision whose files and scripts stay inside it; then what its AppSpec asks for.
 */
final class Revision {

    record FileMapping(String source, String destination) {
    }

    record Script(String location, long timeoutSeconds, Optional<String> runas) {
    }

    private final Path bundle;
    private final List<Finding> findings;
    private final Optional<String> refusal;
    private final MappingNode root;

    private Revision(Path bundle, List<Finding> findings, Optional<String> refusal, MappingNode root) {
        this.bundle = bundle;
        this.findings = findings;
        this.refusal = refusal;
        this.root = root;
    }

    /** Reads the bundle; a refusal says in one sentence why it cannot be rehearsed. */
    static Revision read(Path dir) throws Rehearsal.BadBundleException, IOException {
        if (!Files.isDirectory(dir)) {
            throw new Rehearsal.BadBundleException(dir + " is not a directory; give the bundle directory that holds appspec.yml.");
        }
        // The real path: a bundle given through a link is copied as the directory it names, not as the link.
        Path bundle = dir.toRealPath();
        Path appspec = Rehearsal.appSpecIn(bundle).orElseThrow(() -> new Rehearsal.BadBundleException(
                "No appspec.yml in " + bundle + "; a bundle has its appspec.yml at its root."));
        // The linter, given the bundle, also refuses sources and scripts that are links leading out of it.
        List<Finding> findings = new AppSpecLinter().lint(appspec);
        if (findings.stream().anyMatch(Finding::isError)) {
            return refused(bundle, findings, "Fix the lint errors first; CodeDeploy would reject this AppSpec file.");
        }
        MappingNode root = (MappingNode) AppSpecLinter.parse(Files.readString(appspec)).root();
        if (AppSpecLinter.platformOf(root).orElse(null) != ComputePlatform.SERVER) {
            return refused(bundle, findings, "Only EC2/On-Premises bundles can be rehearsed; Lambda and ECS hooks run as Lambda functions in AWS.");
        }
        if (!Nodes.find(root, "os").flatMap(e -> Nodes.text(e.value())).orElse("").equals("linux")) {
            return refused(bundle, findings, "Only os: linux bundles can be rehearsed here; Windows hooks need a Windows instance.");
        }
        Revision revision = new Revision(bundle, findings, Optional.empty(), root);
        for (FileMapping mapping : revision.files()) {
            if (BundlePaths.hasDotDot(mapping.destination()) || BundlePaths.belowRoot(mapping.destination()).isEmpty()) {
                return refused(bundle, findings, "Refusing files destination " + mapping.destination()
                        + ": write it without '..' so it cannot leave the scratch root.");
            }
        }
        return revision;
    }

    private static Revision refused(Path bundle, List<Finding> findings, String why) {
        return new Revision(bundle, findings, Optional.of(why), null);
    }

    Path bundle() {
        return bundle;
    }

    List<Finding> findings() {
        return findings;
    }

    Optional<String> refusal() {
        return refusal;
    }

    String fileExistsBehavior() {
        return Nodes.find(root, "file_exists_behavior").flatMap(e -> Nodes.text(e.value())).orElse("DISALLOW");
    }

    List<FileMapping> files() {
        List<FileMapping> result = new ArrayList<>();
        Optional<Node> files = Nodes.find(root, "files").map(Nodes.Entry::value);
        if (files.isPresent() && files.get() instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                MappingNode entry = (MappingNode) item;
                result.add(new FileMapping(stringAt(entry, "source").orElseThrow(), stringAt(entry, "destination").orElseThrow()));
            }
        }
        return result;
    }

    List<Script> scripts(String event) {
        List<Script> result = new ArrayList<>();
        Optional<Node> hooks = Nodes.find(root, "hooks").map(Nodes.Entry::value);
        if (hooks.isPresent() && hooks.get() instanceof MappingNode mapping) {
            Optional<Node> list = Nodes.find(mapping, event).map(Nodes.Entry::value);
            if (list.isPresent() && list.get() instanceof SequenceNode scripts) {
                for (Node item : scripts.getValue()) {
                    MappingNode script = (MappingNode) item;
                    long timeout = stringAt(script, "timeout").map(String::strip).map(Long::parseLong).orElse((long) ServerRules.MAX_TIMEOUT);
                    result.add(new Script(stringAt(script, "location").orElseThrow(), timeout, stringAt(script, "runas")));
                }
            }
        }
        return result;
    }

    private static Optional<String> stringAt(MappingNode mapping, String key) {
        return Nodes.find(mapping, key).flatMap(e -> Nodes.nonBlankText(e.value()));
    }
}
