package dev.dvalabs.appspec;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.nodes.Node;

/** Checks hook names in file order for one platform: reserved, unknown, duplicated, out of order. */
final class HookNames {

    private final Findings findings;
    private final ComputePlatform platform;
    private final Set<String> seen = new HashSet<>();
    private String latest;

    HookNames(Findings findings, ComputePlatform platform) {
        this.findings = findings;
        this.platform = platform;
    }

    /** Returns true when the name is a hook this platform runs, so its value is worth checking. */
    boolean accept(String name, Node at) {
        List<String> allowed = LifecycleEvents.hooks(platform);
        if (LifecycleEvents.isReserved(platform, name)) {
            List<String> instead = LifecycleEvents.alternativesTo(platform, name);
            findings.error(at, "hook-reserved", name + " is run by CodeDeploy itself and cannot run a hook on "
                    + platform.displayName() + "; move it to " + String.join(" or ", instead) + ".");
            return false;
        }
        if (!allowed.contains(name)) {
            boolean otherPlatform = false;
            for (ComputePlatform other : ComputePlatform.values()) {
                otherPlatform |= other != platform && LifecycleEvents.hooks(other).contains(name);
            }
            if (otherPlatform) {
                findings.error(at, "hook-not-for-platform", name + " is not a lifecycle event of an "
                        + platform.displayName() + " deployment; use one of " + String.join(", ", allowed) + ".");
            } else {
                String hint = Nodes.closest(name, allowed).map(c -> "rename it to " + c)
                        .orElse("use one of " + String.join(", ", allowed));
                findings.error(at, "hook-unknown", "CodeDeploy has no lifecycle event named '" + name + "'; " + hint + ".");
            }
            return false;
        }
        if (!seen.add(name)) {
            findings.error(at, "hook-duplicate", name + " appears twice; merge its scripts into one " + name + " entry.");
            return false;
        }
        int order = LifecycleEvents.order(platform, name);
        if (latest != null && order < LifecycleEvents.order(platform, latest)) {
            findings.warn(at, "hook-order", "Move " + name + " above " + latest
                    + "; CodeDeploy runs hooks in lifecycle order whatever order the file lists them in.");
        } else {
            latest = name;
        }
        return true;
    }
}
