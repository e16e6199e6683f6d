package dev.dvalabs.probe;

import dev.dvalabs.verify.Fact;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.services.codepipeline.CodePipelineClient;
import software.amazon.awssdk.services.codepipeline.model.PipelineDeclaration;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionStatus;
import software.amazon.awssdk.services.codepipeline.model.PipelineExecutionSummary;

/** A CodePipeline pipeline, read once: its stages with their actions, and the bucket it keeps artifacts in. */
public record Pipeline(String name, List<Stage> stages, String artifactBucket) {

    /** A stage and its actions, in order. */
    public record Stage(String name, List<Action> actions) {}

    /** An action: its category ("Source", "Build", "Deploy"), provider ("S3", "CodeDeploy") and configuration. */
    public record Action(String category, String provider, Map<String, String> configuration) {
        public boolean is(String category, String provider) {
            return category.equals(this.category) && provider.equals(this.provider);
        }
    }

    /** A run of the pipeline: its id, status, the status summary and the source revisions it ran. */
    public record Run(String id, PipelineExecutionStatus status, String summary, List<String> revisions) {
        public static Run of(PipelineExecutionSummary run) {
            return new Run(run.pipelineExecutionId(), run.status(), run.statusSummary(),
                    run.sourceRevisions().stream().map(s -> s.revisionId()).toList());
        }

        public boolean finished() {
            return status != PipelineExecutionStatus.IN_PROGRESS && status != PipelineExecutionStatus.STOPPING;
        }

        @Override
        public String toString() {
            return id + " " + (status == null ? "unknown" : status.toString()) + (summary == null ? "" : ": " + summary);
        }
    }

    /** The pipeline of that name; unavailable where CodePipeline is missing or unreadable, refused as it refuses. */
    public static Fact<Pipeline> named(CodePipelineClient codePipeline, String where, String name) {
        return Service.observe("CodePipeline", where, "pipeline " + name,
                () -> of(codePipeline.getPipeline(r -> r.name(name)).pipeline()));
    }

    /** The newest runs of the pipeline, newest first, at most {@code count}. */
    public static Fact<List<Run>> runs(CodePipelineClient codePipeline, String where, String name, int count) {
        return Service.observe("CodePipeline", where, "executions of pipeline " + name, () -> codePipeline.listPipelineExecutions(
                r -> r.pipelineName(name).maxResults(count)).pipelineExecutionSummaries().stream().map(Run::of).toList());
    }

    /** The newest run; empty when the pipeline never ran. */
    public static Fact<Optional<Run>> latestRun(CodePipelineClient codePipeline, String where, String name) {
        return runs(codePipeline, where, name, 1).map(runs -> runs.stream().findFirst());
    }

    static Pipeline of(PipelineDeclaration pipeline) {
        return new Pipeline(pipeline.name(), pipeline.stages().stream().map(s -> new Stage(s.name(), s.actions().stream()
                        .map(a -> new Action(a.actionTypeId().categoryAsString(), a.actionTypeId().provider(),
                                a.configuration() == null ? Map.of() : new TreeMap<>(a.configuration()))).toList())).toList(),
                pipeline.artifactStore() == null ? null : pipeline.artifactStore().location());
    }

    /** The index of the first stage holding an action that {@code wanted} accepts, from stage {@code from}; -1 when none. */
    public int stageOf(java.util.function.Predicate<Action> wanted, int from) {
        for (int i = Math.max(0, from); i < stages.size(); i++) {
            if (stages.get(i).actions().stream().anyMatch(wanted)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        List<String> seen = stages.stream().flatMap(stage -> stage.actions().stream().map(a -> stage.name() + ": "
                + a.category() + " " + a.provider() + " " + a.configuration())).toList();
        return seen.isEmpty() ? "none" : String.join("; ", seen);
    }
}
