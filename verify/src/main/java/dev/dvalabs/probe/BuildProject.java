package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.util.List;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.Build;

/**
 * A CodeBuild project: its source and artifacts types (CODEPIPELINE, CODECOMMIT, S3...) and its buildspec as
 * the project gives it (inline YAML, a file name, or null for buildspec.yml at the source's root).
 */
public record BuildProject(String name, String sourceType, String artifactsType, String buildspec) {

    /** The project of that name; unavailable where CodeBuild is missing, refused "project x: no such project" when none. */
    public static Fact<BuildProject> named(CodeBuildClient codeBuild, String where, String name) {
        return Fact.observe("CodeBuild", where, () -> codeBuild.batchGetProjects(r -> r.names(name)).projects().stream().findFirst()
                        .map(p -> new BuildProject(p.name(), p.source().typeAsString(), p.artifacts().typeAsString(), p.source().buildspec())))
                .then(found -> found.map(Fact::of).orElse(Fact.missing("project " + name + ": no such project")));
    }

    /** A build: its status, and each phase with its status ("running" while it has none) and CodeBuild's reasons. */
    public record Run(String id, String status, List<Phase> phases) {

        public record Phase(String type, String status, String reasons) {
            @Override
            public String toString() {
                return type + " " + status;
            }
        }

        public static Run of(Build build) {
            return new Run(build.id(), build.buildStatusAsString(), build.phases().stream().map(p -> new Phase(p.phaseTypeAsString(),
                    p.phaseStatus() == null ? "running" : p.phaseStatusAsString(), p.contexts().stream()
                    .map(c -> c.statusCode() + ": " + c.message()).collect(Collectors.joining("; ")))).toList());
        }

        /** Whether the build succeeded with no phase that ended otherwise. */
        public boolean succeeded() {
            return "SUCCEEDED".equals(status) && phases.stream().allMatch(p -> p.status().equals("SUCCEEDED") || p.status().equals("running"));
        }

        @Override
        public String toString() {
            String seen = phases.stream().map(Phase::toString).collect(Collectors.joining(", "));
            return phases.stream().filter(p -> !p.status().equals("running") && !p.status().equals("SUCCEEDED")).findFirst()
                    .map(p -> p.type() + " " + p.status() + (p.reasons().isEmpty() ? "" : " (" + p.reasons() + ")") + "; " + seen)
                    .orElse(status + ": " + seen);
        }
    }
}
