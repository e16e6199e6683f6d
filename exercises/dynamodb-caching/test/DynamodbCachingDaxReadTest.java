package dev.dvalabs.exercises.dynamodbcaching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dvalabs.cdk.Variant;
import dev.dvalabs.contract.EndToEnd;
import dev.dvalabs.deploy.Deployer;
import dev.dvalabs.exercises.dynamodbcaching.DynamodbCachingVerifier.DaxRead;
import dev.dvalabs.exercises.dynamodbcaching.solution.DaxClientPackaged;
import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.testing.LocalEmulatorExtension;
import dev.dvalabs.verify.Names;
import dev.dvalabs.verify.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * dax-read's sequence run through a function on the local emulator, which has no DAX: the verifier asks it only
 * of a cluster that stands, but the sequence itself needs none. Stand-ins for DAX's item cache show what it tells
 * apart: one that keeps the product past the Redis entry's eviction passes, one that is the Redis path under
 * another name fails, and the solution's function, which has no DAX client here, fails.
 */
@ExtendWith(LocalEmulatorExtension.class)
class DynamodbCachingDaxReadTest {

    static final String ID = new DynamodbCaching().id();

    /**
     * DAX's item cache stood in by a key space of the solution's Redis, which evict does not touch, kept for
     * {@link #ITEM_TTL} (DAX's 60 s would make the test wait a minute; the probe takes the TTL it waits out).
     */
    static final String ITEM_CACHE = """

            class ItemCache:
                def get_item(self, Key):
                    cached = cache.call("GET", "dax:" + Key["id"])
                    if cached is not None:
                        return {"Item": json.loads(cached)}
                    item = table.get_item(Key=Key).get("Item")
                    if item is not None:
                        cache.call("SET", "dax:" + Key["id"], json.dumps(item), "EX", 15)
                    return {"Item": item}


            def through_dax():
                return ItemCache()
            """;

    static final Duration ITEM_TTL = Duration.ofSeconds(15);
    static final Duration CACHE_TTL = Duration.ofSeconds(DynamodbCachingVerifier.TTL_SECONDS);

    @RegisterExtension
    final EndToEnd lab = new EndToEnd(ID);

    @Test
    @DisplayName("an item cache the Redis entry's eviction does not reach, ending with its TTL, passes; the Redis path called"
            + " dax, a Redis entry of 5 s called dax, and the solution without its DAX client, fail; the verifier's products leave the table")
    void throughTheFunction(LocalEmulator emulator) throws IOException {
        lab.deploy(emulator, Variant.SOLUTION);
        String function = lab.exercise().names().get("function");
        String products = Files.readString(Path.of(ID, "solution/function/products.py"));

        DaxRead plain = daxRead(emulator);
        assertThat(plain.fromTheItemCache()).as(plain.toString()).isFalse();
        assertThat(plain.toString()).contains("the function failed").contains("amazondax");

        replaceCode(emulator, function, products + ITEM_CACHE);
        DaxRead itemCache = daxRead(emulator);
        assertThat(itemCache.fromTheItemCache()).as(itemCache.toString()).isTrue();
        assertThat(itemCache.toString()).isEqualTo("first name d1 from DAX; after the table changed to d2: at once name d1 from DAX;"
                + " past the Redis entry's TTL name d1 from DAX; past DAX's item TTL name d2 from DAX");

        replaceCode(emulator, function, products + ITEM_CACHE.replace("\"EX\", 15", "\"EX\", " + CACHE_TTL.toSeconds()));
        DaxRead shortLived = daxRead(emulator);
        assertThat(shortLived.fromTheItemCache()).as(shortLived.toString()).isFalse();
        assertThat(shortLived.toString()).endsWith("past the Redis entry's TTL name d2 from DAX");

        replaceCode(emulator, function, products + ITEM_CACHE.replace("\"dax:\" + Key[\"id\"]", "key(Key[\"id\"])"));
        DaxRead redis = daxRead(emulator);
        assertThat(redis.fromTheItemCache()).as(redis.toString()).isFalse();
        assertThat(redis.toString()).endsWith("after the table changed to d2: at once name d2 from DAX");

        try (DynamoDbClient dynamo = emulator.client(DynamoDbClient.builder())) {
            assertThat(dynamo.scan(r -> r.tableName(lab.exercise().names().get("table"))).items()).isEmpty();
        }
    }

    @Test
    @DisplayName("the after-deploy step AWS runs, run here: the stack's own function gets the solution with a DAX client it"
            + " imports (the read now stops at the missing DAX_ENDPOINT, not at amazondax), and no function the stack did not make")
    void afterDeployPackagesTheDaxClient(LocalEmulator emulator) {
        Deployer.Deployed deployed = lab.deploy(emulator, Variant.SOLUTION);
        assertThat(lab.printed()).as("the emulator's deploy uploads nothing").doesNotContain("Task 5: uploading");
        try (Session session = session(emulator)) {
            assertThatThrownBy(() -> new DaxClientPackaged(ID).upload(session, deployed.stackName(),
                    Map.of(DaxClientPackaged.FUNCTION_OUTPUT, "dva-labs-someone-elses"), lab.out()))
                    .hasMessageContaining("has no function named by its output").hasMessageContaining("left as deployed");
            new DaxClientPackaged(ID).upload(session, deployed.stackName(), deployed.outputs(), lab.out());
        }
        assertThat(lab.printed()).contains("Task 5: uploading solution/function/products.py with amazon-dax-client==2.1.0");
        DaxRead packaged = daxRead(emulator);
        assertThat(packaged.toString()).contains("the function failed").contains("DAX_ENDPOINT").doesNotContain("amazondax");
    }

    private Session session(LocalEmulator emulator) {
        return Session.on(emulator, ID, Names.declared(lab.exercise().names())).open();
    }

    /** The sequence in a session of its own, whose end removes the verifier's product as a verify's does. */
    private DaxRead daxRead(LocalEmulator emulator) {
        try (Session session = session(emulator)) {
            return new DynamodbCachingProbe(session).daxRead(CACHE_TTL, ITEM_TTL);
        }
    }

    private static void replaceCode(LocalEmulator emulator, String function, String source) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(zip)) {
            out.putNextEntry(new ZipEntry("index.py"));
            out.write(source.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            out.closeEntry();
        }
        try (LambdaClient lambda = emulator.client(LambdaClient.builder())) {
            lambda.updateFunctionCode(r -> r.functionName(function).zipFile(SdkBytes.fromByteArray(zip.toByteArray())));
            lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(function));
        }
    }
}
