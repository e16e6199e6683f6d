package dev.dvalabs.appspec;

import java.util.Objects;

/**
 * One thing the linter has to say about an AppSpec file.
 *
 * @param severity ERROR when CodeDeploy would reject the file or the deployment would fail,
 *                 WARNING when it would run but probably not as meant
 * @param line     1-based line of the node the finding is about
 * @param column   1-based column of that node
 * @param ruleId   short, stable id a learner can search for
 * @param message  one sentence telling how to fix it
 */
public record Finding(Severity severity, int line, int column, String ruleId, String message) {

    public enum Severity { ERROR, WARNING }

    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(message, "message");
        line = Math.max(1, line);
        column = Math.max(1, column);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** The compiler-style line editors and terminals turn into a link. */
    public String format(String fileName) {
        return fileName + ":" + line + ":" + column + ": " + severity + " " + ruleId + ": " + message;
    }
}
