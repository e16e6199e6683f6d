package dev.dvalabs.destroy;

import dev.dvalabs.cdk.ExerciseStack;
import dev.dvalabs.targets.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * A stack's VPC, subnets and security groups, by {@code arn:aws:ec2:region:account:<vpc|subnet|security-group>/id}.
 * A stack delete keeps them when something the learner made inside them (a cache, its subnet group, a security
 * group) still stands: EC2 refuses with DependencyViolation until that is gone, and a later destroy finds them by
 * their tags here, as no tagging index lists them on the emulators.
 */
public final class Ec2Sweeper implements Sweeper {

    private static final List<String> KINDS = List.of("vpc", "subnet", "security-group");

    @Override
    public String service() {
        return "ec2";
    }

    @Override
    public boolean arnComesFromAName() {
        return false;
    }

    @Override
    public boolean sweeps(String arn) {
        String[] resource = arn.split(":", 6)[5].split("/", 2);
        return resource.length == 2 && KINDS.contains(resource[0]);
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        String[] resource = resource(arn);
        try (Ec2Client ec2 = target.client(Ec2Client.builder())) {
            List<Tag> tags = switch (resource[0]) {
                case "vpc" -> ec2.describeVpcs(r -> r.vpcIds(resource[1])).vpcs().stream().flatMap(v -> v.tags().stream()).toList();
                case "subnet" -> ec2.describeSubnets(r -> r.subnetIds(resource[1])).subnets().stream().flatMap(s -> s.tags().stream()).toList();
                default -> ec2.describeSecurityGroups(r -> r.groupIds(resource[1])).securityGroups().stream()
                        .flatMap(g -> g.tags().stream()).toList();
            };
            return Optional.of(tags.stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
        } catch (Ec2Exception e) {
            if (notFound(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        String[] resource = resource(arn);
        try (Ec2Client ec2 = target.client(Ec2Client.builder())) {
            switch (resource[0]) {
                case "vpc" -> ec2.deleteVpc(r -> r.vpcId(resource[1]));
                case "subnet" -> ec2.deleteSubnet(r -> r.subnetId(resource[1]));
                default -> ec2.deleteSecurityGroup(r -> r.groupId(resource[1]));
            }
            return Swept.deleted();
        } catch (Ec2Exception e) {
            if (notFound(e)) {
                return Swept.alreadyGone();
            }
            throw e;
        }
    }

    /** The ones carrying the toolkit's exercise tag; dependants first, so one sweep can remove their VPC too. */
    @Override
    public List<String> listed(Target target) {
        Filter tagged = Filter.builder().name("tag-key").values(ExerciseStack.TAG_EXERCISE).build();
        String prefix = "arn:aws:ec2:" + target.region().id() + ":";
        List<String> arns = new ArrayList<>();
        try (Ec2Client ec2 = target.client(Ec2Client.builder())) {
            ec2.describeSecurityGroupsPaginator(r -> r.filters(tagged)).securityGroups()
                    .forEach(g -> arns.add(prefix + g.ownerId() + ":security-group/" + g.groupId()));
            ec2.describeSubnetsPaginator(r -> r.filters(tagged)).subnets()
                    .forEach(s -> arns.add(prefix + s.ownerId() + ":subnet/" + s.subnetId()));
            ec2.describeVpcsPaginator(r -> r.filters(tagged)).vpcs()
                    .forEach(v -> arns.add(prefix + v.ownerId() + ":vpc/" + v.vpcId()));
        }
        return arns;
    }

    private static String[] resource(String arn) {
        String[] resource = arn.split(":", 6)[5].split("/", 2);
        if (resource.length < 2 || !KINDS.contains(resource[0])) {
            throw new IllegalArgumentException(arn + " is not a VPC, subnet or security group; the toolkit sweeps no other EC2 resource");
        }
        return resource;
    }

    private static boolean notFound(Ec2Exception e) {
        String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
        return code != null && code.endsWith(".NotFound");
    }
}
