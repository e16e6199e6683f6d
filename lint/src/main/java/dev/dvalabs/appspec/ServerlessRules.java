package dev.dvalabs.appspec;

import java.util.List;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * AWS Lambda and Amazon ECS rules. Sources: the AWS CodeDeploy user guide pages "AppSpec file
 * structure", "AppSpec 'resources' section" and "AppSpec 'hooks' section" (Lambda and ECS parts).
 * The guide writes these files both as 'resources'/'hooks' and as 'Resources'/'Hooks', and SAM
 * writes Lambda properties capitalised, so names here are matched ignoring case.
 */
final class ServerlessRules {

    static final String LAMBDA_TYPE = "AWS::Lambda::Function";
    static final String ECS_TYPE = "AWS::ECS::Service";
    private static final List<String> SECTIONS = List.of("version", "resources", "hooks");
    private static final List<String> SERVER_ONLY = List.of("os", "files", "permissions", "file_exists_behavior");
    private static final List<String> LAMBDA_PROPERTIES = List.of("name", "alias", "currentversion", "targetversion");
    private static final List<String> ECS_PROPERTIES =
            List.of("TaskDefinition", "LoadBalancerInfo", "PlatformVersion", "NetworkConfiguration", "CapacityProviderStrategy");
    private static final List<String> AWSVPC_KEYS = List.of("Subnets", "SecurityGroups", "AssignPublicIp");

    private final Findings findings;
    private final MappingNode root;
    private final ComputePlatform platform;

    ServerlessRules(Findings findings, MappingNode root, ComputePlatform platform) {
        this.findings = findings;
        this.root = root;
        this.platform = platform;
    }

    /** The Type of a '- Name: {Type: ..., Properties: ...}' resource item, if it has one. */
    static Optional<String> resourceType(Node item) {
        return body(item).flatMap(b -> Nodes.findIgnoreCase(b, "type")).flatMap(e -> Nodes.text(e.value())).map(String::strip);
    }

    private static Optional<MappingNode> body(Node item) {
        if (item instanceof MappingNode mapping && mapping.getValue().size() == 1
                && mapping.getValue().get(0).getValueNode() instanceof MappingNode body) {
            return Optional.of(body);
        }
        return Optional.empty();
    }

    void check() {
        for (Nodes.Entry entry : Nodes.entries(root)) {
            String key = entry.key();
            if (SECTIONS.stream().anyMatch(key::equalsIgnoreCase)) {
                continue;
            }
            if (SERVER_ONLY.contains(key)) {
                findings.warn(entry.keyNode(), "section-ignored", "Remove '" + key + "'; it is an EC2/On-Premises section and "
                        + "an " + platform.displayName() + " deployment does not use it.");
            } else {
                findings.warn(entry.keyNode(), "unknown-key", "CodeDeploy ignores the section '" + key
                        + "'; an " + platform.displayName() + " AppSpec has version, resources and hooks only.");
            }
        }
        Nodes.findIgnoreCase(root, "resources").ifPresent(e -> resources(e.value()));
        Nodes.findIgnoreCase(root, "hooks").ifPresent(e -> hooks(e.value()));
    }

    private void resources(Node value) {
        // detectPlatform found a typed resource, so this is a list.
        SequenceNode sequence = (SequenceNode) value;
        if (sequence.getValue().size() > 1) {
            findings.warn(sequence.getValue().get(1), "resources-multiple", "Keep one resource; an " + platform.displayName()
                    + " deployment deploys a single " + (platform == ComputePlatform.LAMBDA ? "function" : "service") + ".");
        }
        for (Node item : sequence.getValue()) {
            Optional<MappingNode> body = body(item);
            if (body.isEmpty()) {
                findings.error(item, "resource-shape", "Write the resource as '- Name:' followed by indented type and properties.");
                continue;
            }
            String type = resourceType(item).orElse("");
            String expected = platform == ComputePlatform.LAMBDA ? LAMBDA_TYPE : ECS_TYPE;
            if (!type.equals(expected)) {
                findings.error(body.get(), "resource-type", "Set this resource's type to " + expected + " like the others in the file.");
                continue;
            }
            Optional<Nodes.Entry> properties = Nodes.findIgnoreCase(body.get(), "properties");
            if (properties.isEmpty() || !(properties.get().value() instanceof MappingNode props)) {
                findings.error(properties.map(p -> (Node) p.value()).orElse(body.get()), "resource-properties-missing",
                        "Add a properties mapping to the resource with " + (platform == ComputePlatform.LAMBDA
                                ? String.join(", ", LAMBDA_PROPERTIES) : "TaskDefinition and LoadBalancerInfo") + ".");
                continue;
            }
            if (platform == ComputePlatform.LAMBDA) {
                lambdaProperties(props);
            } else {
                ecsProperties(props);
            }
        }
    }

    private void unknownKeys(MappingNode mapping, List<String> known, String where) {
        for (Nodes.Entry entry : Nodes.entries(mapping)) {
            if (known.stream().noneMatch(entry.key()::equalsIgnoreCase)) {
                findings.warn(entry.keyNode(), "resource-unknown-property", "Remove '" + entry.key() + "'; " + where
                        + " takes " + String.join(", ", known) + ".");
            }
        }
    }

    /** Returns the property's non-blank string, reporting it as missing otherwise. */
    private Optional<String> required(MappingNode mapping, String name, String why) {
        Optional<Nodes.Entry> entry = Nodes.findIgnoreCase(mapping, name);
        Optional<String> text = entry.filter(e -> e.value() instanceof ScalarNode).flatMap(e -> Nodes.nonBlankText(e.value()));
        if (text.isEmpty()) {
            findings.error(entry.map(e -> (Node) e.value()).orElse(mapping), "resource-property-missing",
                    "Add '" + name + ":' with " + why + ".");
        }
        return text;
    }

    private void lambdaProperties(MappingNode props) {
        unknownKeys(props, LAMBDA_PROPERTIES, "a Lambda resource's properties");
        required(props, "name", "the name of the Lambda function to deploy");
        required(props, "alias", "the alias whose traffic CodeDeploy shifts");
        Optional<String> current = required(props, "currentversion", "the version the alias points to now");
        Optional<String> target = required(props, "targetversion", "the version to shift traffic to");
        if (current.isPresent() && current.equals(target)) {
            findings.warn(Nodes.findIgnoreCase(props, "targetversion").get().value(), "lambda-same-version",
                    "Set targetversion to the newly published version; with both versions equal there is no traffic to shift.");
        }
    }

    private void ecsProperties(MappingNode props) {
        unknownKeys(props, ECS_PROPERTIES, "an ECS service's Properties");
        required(props, "TaskDefinition", "the ARN of the task definition to deploy").ifPresent(arn -> {
            boolean placeholder = arn.startsWith("<") && arn.endsWith(">");
            if (!placeholder && !arn.matches("arn:aws[a-z-]*:ecs:[^:]+:\\d{12}:task-definition/.+")) {
                findings.warn(Nodes.findIgnoreCase(props, "TaskDefinition").get().value(), "ecs-task-definition",
                        "Give TaskDefinition as a task definition ARN (arn:aws:ecs:region:account:task-definition/family:revision) "
                                + "or a CodePipeline placeholder such as <TASK_DEFINITION>.");
            }
        });
        Optional<Nodes.Entry> lb = Nodes.findIgnoreCase(props, "LoadBalancerInfo");
        if (lb.isEmpty() || !(lb.get().value() instanceof MappingNode info)) {
            findings.error(lb.map(e -> (Node) e.value()).orElse(props), "resource-property-missing",
                    "Add 'LoadBalancerInfo:' with ContainerName and ContainerPort of the container that receives traffic.");
        } else {
            required(info, "ContainerName", "the container in the task definition that receives traffic");
            Optional<Nodes.Entry> port = Nodes.findIgnoreCase(info, "ContainerPort");
            Optional<Integer> number = port.filter(p -> Nodes.isPlainScalar(p.value())).flatMap(p -> Nodes.text(p.value()))
                    .filter(t -> t.matches("\\d{1,5}")).map(Integer::parseInt).filter(n -> n >= 1 && n <= 65535);
            if (number.isEmpty()) {
                findings.error(port.map(e -> (Node) e.value()).orElse(info), "ecs-container-port",
                        "Give ContainerPort as a number from 1 to 65535, unquoted, the port the container listens on.");
            }
        }
        Nodes.findIgnoreCase(props, "NetworkConfiguration").ifPresent(e -> network(e.value()));
        Nodes.findIgnoreCase(props, "CapacityProviderStrategy").filter(e -> !(e.value() instanceof SequenceNode))
                .ifPresent(e -> findings.error(e.value(), "ecs-capacity-provider-strategy",
                        "Write CapacityProviderStrategy as a list of '- CapacityProvider: ... Base: ... Weight: ...' items."));
    }

    private void network(Node value) {
        Optional<MappingNode> awsvpc = value instanceof MappingNode m
                ? Nodes.findIgnoreCase(m, "AwsvpcConfiguration").map(Nodes.Entry::value)
                    .filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
                : Optional.empty();
        if (awsvpc.isEmpty()) {
            findings.error(value, "ecs-network-configuration", "Put Subnets, SecurityGroups and AssignPublicIp under NetworkConfiguration.AwsvpcConfiguration.");
            return;
        }
        MappingNode config = awsvpc.get();
        List<String> missing = AWSVPC_KEYS.stream().filter(k -> Nodes.findIgnoreCase(config, k).isEmpty()).toList();
        if (!missing.isEmpty()) {
            findings.error(config, "ecs-network-incomplete", "Add " + String.join(" and ", missing)
                    + " to AwsvpcConfiguration; CodeDeploy needs all three of its settings or none.");
        }
        for (String list : List.of("Subnets", "SecurityGroups")) {
            Nodes.findIgnoreCase(config, list).filter(e -> !(e.value() instanceof SequenceNode))
                    .ifPresent(e -> findings.error(e.value(), "ecs-network-list", "Write " + list + " as a list, e.g. [\"id-1\", \"id-2\"]."));
        }
        Nodes.findIgnoreCase(config, "AssignPublicIp").ifPresent(e -> {
            String text = Nodes.text(e.value()).orElse("");
            if (!text.equals("ENABLED") && !text.equals("DISABLED")) {
                findings.error(e.value(), "ecs-assign-public-ip", "Set AssignPublicIp to ENABLED or DISABLED.");
            }
        });
    }

    private void hooks(Node value) {
        if (Nodes.isNull(value)) {
            return;
        }
        if (!(value instanceof SequenceNode sequence)) {
            findings.error(value, "hooks-not-list", "Write " + platform.displayName()
                    + " hooks as a list of '- EventName: LambdaFunctionName' items; the event-to-scripts mapping is for EC2/On-Premises.");
            return;
        }
        HookNames names = new HookNames(findings, platform);
        for (Node item : sequence.getValue()) {
            if (!(item instanceof MappingNode mapping) || mapping.getValue().isEmpty()) {
                findings.error(item, "hook-item", "Write this hook as '- EventName: LambdaFunctionName'.");
                continue;
            }
            if (mapping.getValue().size() > 1) {
                findings.warn(item, "hook-item", "Give each hook its own '- ' list item, one event per item.");
            }
            for (Nodes.Entry hook : Nodes.entries(mapping)) {
                if (names.accept(hook.key(), hook.keyNode())
                        && (!(hook.value() instanceof ScalarNode) || Nodes.nonBlankText(hook.value()).isEmpty())) {
                    findings.error(Nodes.isNull(hook.value()) ? hook.keyNode() : hook.value(), "hook-function",
                            "Name the Lambda function that validates " + hook.key() + " as a plain string after the colon.");
                }
            }
        }
    }
}
