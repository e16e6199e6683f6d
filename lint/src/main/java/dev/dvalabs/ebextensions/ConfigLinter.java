package dev.dvalabs.ebextensions;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.appspec.Findings;
import dev.dvalabs.appspec.Nodes;
import dev.dvalabs.appspec.YamlText;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Lints one {@code .ebextensions/*.config} file (YAML or JSON): the top-level keys Elastic Beanstalk
 * knows, option_settings in any of its three documented forms with namespaces and option names spelled as
 * {@link Options} lists them, and the files and commands sections' required keys. Each finding has the
 * line and column of the node it is about.
 */
public final class ConfigLinter {

    static final YamlText.Kind KIND = new YamlText.Kind("an .ebextensions/*.config file", "Elastic Beanstalk config file");

    public List<Finding> lint(String text) {
        YamlText.Top top = YamlText.top(text, KIND, "Write the configuration, for example option_settings: or files:; this file is empty.",
                "keys (option_settings:, files:, commands: ...)");
        if (top.failure() != null) {
            return List.of(top.failure());
        }
        MappingNode mapping = top.mapping();
        Findings findings = new Findings();
        YamlText.checkKeys(mapping, findings, KIND);
        for (Nodes.Entry entry : Nodes.entries(mapping)) {
            switch (entry.key()) {
                case "option_settings" -> new OptionSettings(findings).check(entry.value());
                case "files" -> {
                    eachNamed(entry, findings, "file", List.of("content", "source"),
                            "Give the file 'content:' (the text) or 'source:' (a URL to download).");
                    FileEntries.check(entry.value(), findings);
                    settings(entry, Options.FILE_SETTINGS, "file", findings);
                }
                case "packages" -> closedKeys(entry, Options.PACKAGE_MANAGERS, "package-manager",
                        "a package manager Elastic Beanstalk supports", findings);
                case "services" -> {
                    closedKeys(entry, Options.SERVICE_MANAGERS, "service-manager",
                            "sysvinit (Linux) or windows, the service managers Elastic Beanstalk supports", findings);
                    if (entry.value() instanceof MappingNode byManager) {
                        Nodes.entries(byManager).forEach(manager -> settings(manager, Options.SERVICE_SETTINGS, "service",
                                findings));
                    }
                }
                case "commands", "container_commands" -> {
                    eachNamed(entry, findings, "command", List.of("command"), "Give the command a 'command:' to run.");
                    settings(entry, entry.key().equals("commands") ? Options.COMMAND_SETTINGS
                            : Options.CONTAINER_COMMAND_SETTINGS, "command", findings);
                    if (entry.key().equals("container_commands")) {
                        leaderOnly(entry.value(), findings);
                    }
                }
                default -> {
                    if (!Options.TOP_LEVEL_KEYS.contains(entry.key())) {
                        String hint = Nodes.closest(entry.key(), Options.TOP_LEVEL_KEYS)
                                .map(k -> "did you mean '" + k + "'? ").orElse("");
                        findings.error(entry.keyNode(), "unknown-key", "Use a key Elastic Beanstalk reads ("
                                + hint + "it knows " + String.join(", ", Options.TOP_LEVEL_KEYS) + "); '"
                                + entry.key() + "' is ignored or refused.");
                    }
                }
            }
        }
        return findings.sorted();
    }

    /** files: and commands: are mappings of a name (a path, a command's name) to its settings, which need one of {@code required}. */
    private static void eachNamed(Nodes.Entry section, Findings findings, String what, List<String> required, String fix) {
        if (!(section.value() instanceof MappingNode mapping)) {
            findings.error(section.value(), section.key() + "-not-mapping", "Write " + section.key() + " as a mapping of each "
                    + what + "'s name to its settings; found " + Nodes.kind(section.value()) + ".");
            return;
        }
        for (Nodes.Entry item : Nodes.entries(mapping)) {
            if (!(item.value() instanceof MappingNode settings)
                    || required.stream().noneMatch(key -> Nodes.find(settings, key).isPresent())) {
                findings.error(item.keyNode(), what + "-incomplete", "The " + what + " '" + item.key() + "': " + fix);
            }
        }
    }

    /**
     * A file's or a command's settings outside the documented ones are ignored by Elastic Beanstalk: a
     * warning, since a misspelt ignoreErrors or leader_only quietly does nothing.
     */
    private static void settings(Nodes.Entry section, List<String> known, String what, Findings findings) {
        if (!(section.value() instanceof MappingNode byName)) {
            return;
        }
        for (Nodes.Entry item : Nodes.entries(byName)) {
            if (!(item.value() instanceof MappingNode settings)) {
                continue;
            }
            for (Nodes.Entry setting : Nodes.entries(settings)) {
                if (!known.contains(setting.key())) {
                    String hint = Nodes.closest(setting.key(), known).map(k -> "did you mean '" + k + "'? ").orElse("");
                    findings.warn(setting.keyNode(), "unknown-setting", "Elastic Beanstalk ignores '" + setting.key()
                            + "' in a " + what + " under " + section.key() + " (" + hint + "it reads "
                            + String.join(", ", known) + ").");
                }
            }
        }
    }

    /** packages: and services: are mappings keyed by a closed list the reference gives. */
    private static void closedKeys(Nodes.Entry section, List<String> allowed, String rule, String what, Findings findings) {
        if (!(section.value() instanceof MappingNode mapping)) {
            findings.error(section.value(), section.key() + "-not-mapping", "Write " + section.key() + " as a mapping keyed by"
                    + " " + String.join(", ", allowed) + "; found " + Nodes.kind(section.value()) + ".");
            return;
        }
        for (Nodes.Entry key : Nodes.entries(mapping)) {
            if (!allowed.contains(key.key())) {
                findings.error(key.keyNode(), rule, "Use " + what + " under " + section.key() + " ("
                        + String.join(", ", allowed) + "); '" + key.key() + "' is not one of them.");
            }
        }
    }

    /** leader_only, which runs a container command on one instance only, is a boolean. */
    private static void leaderOnly(Node commands, Findings findings) {
        if (!(commands instanceof MappingNode byName)) {
            return;
        }
        for (Nodes.Entry command : Nodes.entries(byName)) {
            if (command.value() instanceof MappingNode settings) {
                Nodes.find(settings, "leader_only").ifPresent(flag -> {
                    Optional<String> text = Nodes.text(flag.value());
                    if (text.isEmpty() || OptionValue.bool().refuse(text.get(), Nodes.isPlainScalar(flag.value())).isPresent()) {
                        findings.error(flag.value(), "leader-only-value", "Set leader_only to true or false; "
                                + text.map(t -> "'" + t + "'").orElse(Nodes.kind(flag.value())) + " is not.");
                    }
                });
            }
        }
    }

    /** option_settings as a mapping of namespace to options, or as a list of namespace/option_name/value items. */
    private record OptionSettings(Findings findings) {

        void check(Node value) {
            if (value instanceof MappingNode byNamespace) {
                for (Nodes.Entry namespace : Nodes.entries(byNamespace)) {
                    Optional<List<String>> names = namespace(namespace.key(), namespace.keyNode());
                    if (names.isEmpty() && !Options.isFreeForm(namespace.key())) {
                        continue;
                    }
                    if (!(namespace.value() instanceof MappingNode options)) {
                        findings.error(namespace.value(), "options-not-mapping", "Under " + namespace.key()
                                + " write each option as 'Name: value'; found " + Nodes.kind(namespace.value()) + ".");
                        continue;
                    }
                    for (Nodes.Entry option : Nodes.entries(options)) {
                        option(namespace.key(), names, option.key(), option.keyNode(), option.value());
                    }
                }
            } else if (value instanceof SequenceNode list) {
                for (Node item : list.getValue()) {
                    listItem(item);
                }
            } else {
                findings.error(value, "option-settings-form", "Write option_settings as a mapping of namespaces"
                        + " (aws:elasticbeanstalk:command: {DeploymentPolicy: Immutable}) or as a list of"
                        + " namespace/option_name/value items; found " + Nodes.kind(value) + ".");
            }
        }

        private void listItem(Node item) {
            if (!(item instanceof MappingNode mapping)) {
                findings.error(item, "option-item", "Write each option as a mapping with namespace, option_name"
                        + " and value; found " + Nodes.kind(item) + ".");
                return;
            }
            Optional<Nodes.Entry> name = Nodes.find(mapping, "option_name");
            if (name.isEmpty()) {
                findings.error(item, "option-name-missing", "Give this option an option_name (and a namespace and value).");
                return;
            }
            if (Nodes.find(mapping, "value").isEmpty()) {
                findings.error(item, "option-value-missing", "Give the option " + Nodes.text(name.get().value()).orElse("")
                        + " a value.");
            }
            for (Nodes.Entry key : Nodes.entries(mapping)) {
                if (!List.of("namespace", "option_name", "value", "resource_name").contains(key.key())) {
                    findings.error(key.keyNode(), "option-item-key", "An option item has namespace, option_name, value"
                            + " and resource_name; '" + key.key() + "' is not one of them.");
                }
            }
            Optional<Nodes.Entry> namespace = Nodes.find(mapping, "namespace");
            String ns = namespace.flatMap(e -> Nodes.text(e.value())).orElse(Options.DEFAULT_NAMESPACE);
            Optional<List<String>> names = namespace(ns, namespace.map(Nodes.Entry::value).orElse(item));
            if (names.isEmpty() && !Options.isFreeForm(ns)) {
                return;
            }
            option(ns, names, Nodes.text(name.get().value()).orElse(""), name.get().value(),
                    Nodes.find(mapping, "value").map(Nodes.Entry::value).orElse(null));
        }

        /** The namespace's option names; a finding and empty when AWS documents no such namespace. */
        private Optional<List<String>> namespace(String namespace, Node at) {
            if (Options.isFreeForm(namespace)) {
                return Optional.empty();
            }
            Optional<List<String>> names = Options.names(namespace);
            if (names.isEmpty()) {
                String hint = Nodes.closest(namespace, Options.allNamespaces()).map(n -> "did you mean " + n + "? ").orElse("");
                findings.error(at, "unknown-namespace", "Spell the namespace as AWS documents it (" + hint
                        + "see the Elastic Beanstalk configuration options reference); '" + namespace + "' is none of them.");
            }
            return names;
        }

        private void option(String namespace, Optional<List<String>> names, String name, Node at, Node value) {
            if (names.isPresent() && !names.get().contains(name)) {
                String hint = Nodes.closest(name, names.get()).map(n -> "did you mean " + n + "? ").orElse("");
                findings.error(at, "unknown-option", "Spell the option as AWS documents it in " + namespace + " (" + hint
                        + "it has " + String.join(", ", names.get()) + "); '" + name + "' is not one of them.");
                return;
            }
            if (Options.isFreeForm(namespace) && name.isBlank()) {
                findings.error(at, "option-name-blank", "Give the environment property a name.");
            }
            // Elastic Beanstalk sets an environment property to one string; a list or a mapping is refused.
            if (Options.isFreeForm(namespace) && (value instanceof MappingNode || value instanceof SequenceNode)) {
                findings.error(value, "property-value", "Give " + name + " one value, a string such as 'Hello'; found "
                        + Nodes.kind(value) + ".");
                return;
            }
            OptionValue allowed = Options.VALUES.get(namespace + " " + name);
            if (allowed == null || Nodes.isNull(value)) {
                return;
            }
            Optional<String> text = Nodes.text(value);
            // A list or a mapping is no option's value; the rule's own wording says what is.
            Optional<String> right = text.isPresent() ? allowed.refuse(text.get(), Nodes.isPlainScalar(value))
                    : allowed.refuse("", false);
            right.ifPresent(r -> findings.error(value, "option-value", "Set " + name + " to " + r + "; "
                    + text.map(t -> "'" + t + "'").orElse(Nodes.kind(value)) + " is not."));
        }
    }
}
