package dev.dvalabs.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.verify.Report;
import dev.dvalabs.verify.Status;

/** Assertions on a checklist that the exercises' check tests share. */
public final class Checklists {

    private Checklists() {}

    /** The named check fails, saying what it expected, and every other check passes. */
    public static void onlyThisFails(Report report, String check) {
        assertThat(report.outcome(check).status()).as(check).isEqualTo(Status.FAIL);
        assertThat(report.outcome(check).result().expected()).as(check + " expected").isNotBlank();
        assertThat(report.outcomes()).filteredOn(o -> !o.id().equals(check))
                .allSatisfy(o -> assertThat(o.status()).as(o.id()).isEqualTo(Status.PASS));
    }
}
