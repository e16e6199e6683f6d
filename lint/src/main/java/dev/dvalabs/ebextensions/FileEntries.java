package dev.dvalabs.ebextensions;

import dev.dvalabs.appspec.Findings;
import dev.dvalabs.appspec.Nodes;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The files: section's settings beyond its required keys, as "Customizing software on Linux servers"
 * (customize-containers-ec2.html, "files") documents them: each key an absolute path, mode six octal
 * digits, and content or source but not both.
 */
final class FileEntries {

    private FileEntries() {
    }

    static void check(Node section, Findings findings) {
        if (!(section instanceof MappingNode byPath)) {
            return;
        }
        for (Nodes.Entry file : Nodes.entries(byPath)) {
            if (!file.key().matches(Options.ABSOLUTE_PATH)) {
                findings.error(file.keyNode(), "file-path", "Give the file an absolute path, such as /etc/app.conf; '"
                        + file.key() + "' is relative.");
            }
            if (!(file.value() instanceof MappingNode settings)) {
                continue;
            }
            Nodes.find(settings, "mode").ifPresent(mode -> {
                Optional<String> text = Nodes.text(mode.value());
                if (text.isEmpty() || !text.get().strip().matches(Options.FILE_MODE)) {
                    findings.error(mode.value(), "file-mode", "Write mode as six octal digits in quotes, such as \"000644\"; "
                            + text.map(t -> "'" + t + "'").orElse(Nodes.kind(mode.value())) + " is not.");
                }
            });
            Optional<Nodes.Entry> source = Nodes.find(settings, "source");
            if (source.isPresent() && Nodes.find(settings, "content").isPresent()) {
                findings.error(source.get().keyNode(), "file-content-and-source", "Give the file '" + file.key()
                        + "' either content: or source:, not both.");
            }
        }
    }
}
