package dev.dvalabs.ebextensions;

import dev.dvalabs.appspec.Findings;
import dev.dvalabs.appspec.Nodes;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The files: section's settings beyond its required keys, as "Customizing software on Linux servers"
 * (customize-containers-ec2.html, "files") documents them: each key an absolute path, mode six octal
 * digits in quotes (a bare number is an integer to YAML), and content or source but not both.
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
            Nodes.find(settings, "mode").ifPresent(mode -> mode(mode.value(), findings));
            Nodes.find(settings, "encoding").ifPresent(encoding -> {
                Optional<String> text = Nodes.text(encoding.value()).map(String::strip);
                if (text.isEmpty() || !Options.FILE_ENCODINGS.contains(text.get())) {
                    findings.error(encoding.value(), "file-encoding", "Set encoding to plain or base64; "
                            + text.map(t -> "'" + t + "'").orElse(Nodes.kind(encoding.value())) + " is neither.");
                }
            });
            Optional<Nodes.Entry> source = Nodes.find(settings, "source");
            if (source.isPresent() && Nodes.find(settings, "content").isPresent()) {
                findings.error(source.get().keyNode(), "file-content-and-source", "Give the file '" + file.key()
                        + "' either content: or source:, not both.");
            }
        }
    }

    private static void mode(Node value, Findings findings) {
        Optional<String> text = Nodes.text(value).map(String::strip);
        if (text.isPresent() && Nodes.isPlainScalar(value) && text.get().matches("[0-9]{1,9}")) {
            // YAML 1.1 reads a bare 000755 as an octal integer, 493, and 644 as the decimal 644.
            String digits = text.get();
            long number = digits.length() > 1 && digits.startsWith("0") && digits.matches("[0-7]+")
                    ? Long.parseLong(digits, 8) : Long.parseLong(digits);
            findings.error(value, "file-mode", "Write mode in quotes, \"" + "0".repeat(Math.max(0, 6 - digits.length())) + digits
                    + "\"; bare, YAML reads " + digits + " as the number "
                    + number + ", not the octal mode you meant.");
            return;
        }
        if (text.isPresent() && text.get().matches(Options.FILE_MODE)) {
            return;
        }
        if (text.isPresent() && text.get().matches(Options.SHORT_FILE_MODE)) {
            findings.warn(value, "file-mode-short", "Write mode as the six octal digits the reference documents, such as"
                    + " \"000644\"; '" + text.get() + "' is shorter.");
            return;
        }
        findings.error(value, "file-mode", "Write mode as six octal digits in quotes, such as \"000644\"; "
                + text.map(t -> "'" + t + "'").orElse(Nodes.kind(value)) + " is not.");
    }
}
