package dev.dvalabs.testing;

import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A check test whose observations come from a verifier observing a loopback {@link AwsStub} for real: the
 * stub is started once for the class and stopped after it; {@code correct()} resets it to a right build.
 */
public abstract class StubbedChecksContract<O> extends ChecksContract<O, AwsStub> {

    protected AwsStub stub;

    @BeforeAll
    void startStub() throws IOException {
        stub = new AwsStub();
    }

    @AfterAll
    void stopStub() {
        stub.close();
        // AWS's own API definitions agree with the stub and the verifier: every request was one AWS accepts, every answer one it gives.
        org.assertj.core.api.Assertions.assertThat(stub.modelProblems).as("what botocore's models refused").isEmpty();
    }
}
