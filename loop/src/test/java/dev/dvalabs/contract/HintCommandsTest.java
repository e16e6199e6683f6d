package dev.dvalabs.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dvalabs.contract.HintCommands.Command;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HintCommandsTest {

    private static final String FILTER_HINT = "The pattern is a JSON string inside JSON:"
            + " aws lambda update-event-source-mapping --uuid UUID --filter-criteria"
            + " '{\"Filters\":[{\"Pattern\":\"{\\\"eventName\\\":[\\\"INSERT\\\",\\\"REMOVE\\\"]}\"}]}';"
            + " in CDK, the mapping's filters.";

    @Test
    void aHintsCommandEndsWithItsShellWordsAndKeepsQuotedJsonWhole() {
        List<Command> commands = HintCommands.in(FILTER_HINT, Map.of());
        assertThat(commands).singleElement().extracting(Command::arguments).isEqualTo(List.of(
                "lambda", "update-event-source-mapping", "--uuid", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--filter-criteria",
                "{\"Filters\":[{\"Pattern\":\"{\\\"eventName\\\":[\\\"INSERT\\\",\\\"REMOVE\\\"]}\"}]}"));
    }

    @Test
    void namesAreFilledAndAShorthandValueKeepsItsCommas() {
        List<Command> commands = HintCommands.in("Tag it (aws deploy create-deployment-group --ec2-tag-filters"
                + " Key=Name,Value={instance},Type=KEY_AND_VALUE), then aws sqs list-queues (it lists them all), and"
                + " aws s3api head-bucket --bucket {bucket}.", Map.of("instance", "web-1", "bucket", "b-{account}-{region}"));
        assertThat(commands).extracting(Command::arguments).containsExactly(
                List.of("deploy", "create-deployment-group", "--ec2-tag-filters", "Key=Name,Value=web-1,Type=KEY_AND_VALUE"),
                List.of("sqs", "list-queues"),
                List.of("s3api", "head-bucket", "--bucket", "b-000000000000-us-east-1"));
    }

    @Test
    void thePinnedCliAcceptsARightCommandAndNamesWhatIsWrongWithWrongOnes() {
        List<String> said = HintCommands.complaints(HintCommands.in(String.join(" ",
                FILTER_HINT,
                // the pattern given as an object, the mistake the new learner made
                "aws lambda update-event-source-mapping --uuid UUID --filter-criteria '{\"Filters\":[{\"Pattern\":{\"eventName\":[\"INSERT\"]}}]}';",
                "aws lambda update-event-source-mapping --uuid UUID --filters x;", // no such option
                "aws dynamodb update-table --table-name t --stream-specification;", // an option without its value
                "aws logs tail /aws/lambda/f;", // AWS CLI v2 only
                "aws codecommit create-repository."), // a required option missing
                Map.of()));
        assertThat(said).hasSize(6);
        assertThat(said.get(0)).isNull();
        assertThat(said.get(1)).contains("FilterCriteria.Filters[0].Pattern");
        assertThat(said.get(2)).contains("Unknown options: --filters");
        assertThat(said.get(3)).contains("--stream-specification: expected one argument");
        assertThat(said.get(4)).contains("Invalid choice");
        assertThat(said.get(5)).contains("--repository-name");
    }

    @Test
    void aCommandThatWritesWithoutSendingWritesNothingInTheUsersHome() throws Exception {
        Path model = Path.of(System.getProperty("user.home"), ".aws", "models", "dvalabshintprobe");
        try {
            List<String> said = HintCommands.complaints(HintCommands.in("aws configure add-model --service-name dvalabshintprobe"
                    + " --service-model '{\"metadata\":{\"apiVersion\":\"2020-01-01\",\"endpointPrefix\":\"p\","
                    + "\"protocol\":\"json\",\"serviceId\":\"p\"},\"operations\":{},\"shapes\":{}}'", Map.of()));
            assertThat(said).singleElement().isNotNull();
            assertThat(model).doesNotExist();
        } finally {
            if (Files.exists(model)) { // only when the parser wrote into the home of whoever runs the build
                try (var written = Files.walk(model)) {
                    for (Path p : written.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
