package dev.dvalabs.exercises.serverlessapi;

import dev.dvalabs.policy.Caller;
import dev.dvalabs.policy.Policies;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.arns.Arn;

/**
 * What an execution role's policies allow in DynamoDB, by the policy evaluator, asked about every
 * DynamoDB action (the service's whole list, plus any the policies name) on the table, on what hangs
 * under it (indexes, streams, backups, exports), on {@code *} (ListTables and the like), and on tables
 * that are not it: another name, a name that starts like it, the same name in another region (another
 * account's table needs its own resource policy too, which the evaluator knows).
 */
final class TableGrants {

    /** DynamoDB's actions, from the Service Authorization Reference; a policy's own names are added to them. */
    static final List<String> DYNAMODB_ACTIONS = List.of("BatchExecuteStatement", "BatchGetItem", "BatchWriteItem",
            "ConditionCheckItem", "CreateBackup", "CreateGlobalTable", "CreateTable", "CreateTableReplica", "DeleteBackup",
            "DeleteItem", "DeleteResourcePolicy", "DeleteTable", "DeleteTableReplica", "DescribeBackup",
            "DescribeContinuousBackups", "DescribeContributorInsights", "DescribeEndpoints", "DescribeExport",
            "DescribeGlobalTable", "DescribeGlobalTableSettings", "DescribeImport", "DescribeKinesisStreamingDestination",
            "DescribeLimits", "DescribeReservedCapacity", "DescribeReservedCapacityOfferings", "DescribeStream",
            "DescribeTable", "DescribeTableReplicaAutoScaling", "DescribeTimeToLive", "DisableKinesisStreamingDestination",
            "EnableKinesisStreamingDestination", "ExecuteStatement", "ExecuteTransaction", "ExportTableToPointInTime",
            "GetItem", "GetRecords", "GetResourcePolicy", "GetShardIterator", "ImportTable", "ListBackups",
            "ListContributorInsights", "ListExports", "ListGlobalTables", "ListImports", "ListStreams", "ListTables",
            "ListTagsOfResource", "PartiQLDelete", "PartiQLInsert", "PartiQLSelect", "PartiQLUpdate",
            "PurchaseReservedCapacityOfferings", "PutItem", "PutResourcePolicy", "Query", "RestoreTableFromAwsBackup",
            "RestoreTableFromBackup", "RestoreTableToPointInTime", "Scan", "StartAwsBackupJob", "TagResource",
            "TransactGetItems", "TransactWriteItems", "UntagResource", "UpdateContinuousBackups",
            "UpdateContributorInsights", "UpdateGlobalTable", "UpdateGlobalTableSettings", "UpdateGlobalTableVersion",
            "UpdateItem", "UpdateKinesisStreamingDestination", "UpdateTable", "UpdateTableReplicaAutoScaling",
            "UpdateTimeToLive").stream().map(a -> "dynamodb:" + a).toList();

    private final Policies policies;
    private final Caller role;
    private final List<String> actions;

    TableGrants(List<String> documents, String roleArn) {
        this.policies = Policies.identityOnly().withIdentity(documents);
        this.role = Caller.aws(roleArn);
        Set<String> all = new LinkedHashSet<>(DYNAMODB_ACTIONS);
        // An action the list lacks (a new one) is asked about when a policy names it.
        documents.stream().flatMap(d -> Policies.allowedActions(d).stream())
                .filter(a -> a.regionMatches(true, 0, "dynamodb:", 0, 9) && !a.contains("*") && !a.contains("?"))
                .forEach(all::add);
        this.actions = List.copyOf(all);
    }

    /** The DynamoDB actions allowed on the table itself. */
    List<String> onTable(String tableArn) {
        return policies.allowedActions(role, tableArn, actions);
    }

    /** DynamoDB actions other than {@code wanted} allowed on the table, what hangs under it, or {@code *}: "dynamodb:Query on ...". */
    List<String> otherActions(String tableArn, List<String> wanted) {
        List<String> found = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>(wanted);
        for (String resource : List.of(tableArn, tableArn + "/index/any-index", tableArn + "/stream/2026-01-01T00:00:00.000",
                tableArn + "/backup/01700000000000-abcdefgh", tableArn + "/export/01700000000000-abcdefgh",
                tableArn + "/import/01700000000000-abcdefgh", "*")) {
            for (String action : policies.allowedActions(role, resource, actions)) {
                if (seen.add(action)) {
                    found.add(action + " on " + resource);
                }
            }
        }
        return List.copyOf(found);
    }

    /** Any DynamoDB action allowed on a table that is not this one: "dynamodb:GetItem on ...". */
    List<String> elsewhere(String tableArn, String run) {
        Arn arn = Arn.fromString(tableArn);
        String table = arn.resourceAsString().substring("table/".length());
        String account = arn.accountId().orElse("");
        String region = arn.region().orElse("");
        String otherRegion = region.equals("eu-west-1") ? "us-east-1" : "eu-west-1";
        String base = "arn:" + arn.partition() + ":dynamodb:";
        List<String> found = new ArrayList<>();
        for (String other : List.of(base + region + ":" + account + ":table/" + run + "-other",
                base + region + ":" + account + ":table/" + table + "-archive",
                base + otherRegion + ":" + account + ":table/" + table)) {
            policies.allowedActions(role, other, actions).forEach(a -> found.add(a + " on " + other));
        }
        return List.copyOf(found);
    }

    /** The log-writing actions among {@code wanted} allowed on a stream of the log group. */
    List<String> logs(String logStreamArn, List<String> wanted) {
        return policies.allowedActions(role, logStreamArn, wanted);
    }
}
