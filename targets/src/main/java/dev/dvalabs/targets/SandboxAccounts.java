package dev.dvalabs.targets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The AWS accounts a learner said are sandboxes, the only ones the toolkit writes to: from
 * {@code DVA_LABS_SANDBOX_ACCOUNTS} (comma-separated ids) and the {@code sandboxAccounts} list of
 * {@code ~/.config/dva-labs/config.yaml}.
 */
public record SandboxAccounts(Set<String> ids, Path configFile) {

    public static SandboxAccounts load() {
        return load(System.getenv("DVA_LABS_SANDBOX_ACCOUNTS"), defaultConfigFile());
    }

    static SandboxAccounts load(String fromEnvironment, Path configFile) {
        Set<String> ids = new LinkedHashSet<>();
        if (fromEnvironment != null) {
            Arrays.stream(fromEnvironment.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                    .forEach(id -> ids.add(accountId(id, "DVA_LABS_SANDBOX_ACCOUNTS")));
        }
        if (Files.exists(configFile)) {
            JsonNode config;
            try {
                config = new ObjectMapper(new YAMLFactory()).readTree(configFile.toFile());
            } catch (IOException e) {
                throw new TargetValueException(configFile + " is not readable YAML (" + firstLine(e.getMessage())
                        + "); fix it or remove it.");
            }
            JsonNode listed = config == null ? null : config.get("sandboxAccounts");
            if (listed != null && !listed.isArray()) {
                throw new TargetValueException(configFile + ": sandboxAccounts must be a list of 12-digit account ids.");
            }
            if (listed != null) {
                listed.forEach(node -> ids.add(accountId(node.asText(), configFile.toString())));
            }
        }
        return new SandboxAccounts(Set.copyOf(ids), configFile);
    }

    public boolean allows(String accountId) {
        return ids.contains(accountId);
    }

    /** How a learner adds an account, for the refusal. */
    public String howToAdd(String accountId) {
        return "add it to " + configFile + " (sandboxAccounts: [\"" + accountId + "\"]) or to DVA_LABS_SANDBOX_ACCOUNTS";
    }

    private static String accountId(String id, String where) {
        if (!id.matches("\\d{12}")) {
            throw new TargetValueException(where + ": '" + id + "' is not an AWS account id (12 digits).");
        }
        return id;
    }

    private static String firstLine(String message) {
        return Optional.ofNullable(message).flatMap(m -> m.lines().findFirst()).orElse("unreadable");
    }

    static Path defaultConfigFile() {
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return base.resolve("dva-labs").resolve("config.yaml");
    }
}
