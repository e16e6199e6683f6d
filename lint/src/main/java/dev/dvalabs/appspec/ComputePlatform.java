package dev.dvalabs.appspec;

/** The three compute platforms an AppSpec file can target; each has its own sections and hooks. */
public enum ComputePlatform {
    SERVER("EC2/On-Premises"),
    LAMBDA("AWS Lambda"),
    ECS("Amazon ECS");

    private final String displayName;

    ComputePlatform(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
