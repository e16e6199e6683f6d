package dev.dvalabs.destroy;

import dev.dvalabs.targets.Target;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.elasticache.ElastiCacheClient;
import software.amazon.awssdk.services.elasticache.model.CacheCluster;
import software.amazon.awssdk.services.elasticache.model.CacheClusterNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheParameterGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.CacheSubnetGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.ReplicationGroupNotFoundException;
import software.amazon.awssdk.services.elasticache.model.Tag;

/**
 * ElastiCache replication groups, cache clusters, subnet groups and parameter groups, by
 * {@code arn:aws:elasticache:region:account:<replicationgroup|cluster|subnetgroup|parametergroup>:name}. A
 * replication group's member clusters go with it; a subnet group still in use by a cache that is being
 * deleted is refused, and stays for the next destroy.
 */
public final class ElastiCacheSweeper implements Sweeper {

    @Override
    public String service() {
        return "elasticache";
    }

    @Override
    public Optional<Map<String, String>> tags(Target target, String arn) {
        try (ElastiCacheClient cache = target.client(ElastiCacheClient.builder())) {
            return Optional.of(cache.listTagsForResource(r -> r.resourceName(arn)).tagList().stream()
                    .collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)));
        } catch (ReplicationGroupNotFoundException | CacheClusterNotFoundException | CacheSubnetGroupNotFoundException
                 | CacheParameterGroupNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Swept delete(Target target, String arn) {
        String[] resource = Arn.fromString(arn).resourceAsString().split(":", 2);
        String name = resource.length > 1 ? resource[1] : resource[0];
        try (ElastiCacheClient cache = target.client(ElastiCacheClient.builder())) {
            switch (resource[0]) {
                case "replicationgroup" -> cache.deleteReplicationGroup(r -> r.replicationGroupId(name));
                case "cluster" -> {
                    CacheCluster cluster = cache.describeCacheClusters(r -> r.cacheClusterId(name)).cacheClusters().get(0);
                    if (cluster.replicationGroupId() != null) {
                        // A member goes with its replication group, which the sweep deletes by its own ARN.
                        return Swept.alreadyGone();
                    }
                    cache.deleteCacheCluster(r -> r.cacheClusterId(name));
                }
                case "subnetgroup" -> cache.deleteCacheSubnetGroup(r -> r.cacheSubnetGroupName(name));
                case "parametergroup" -> cache.deleteCacheParameterGroup(r -> r.cacheParameterGroupName(name));
                default -> throw new IllegalArgumentException("not an ElastiCache resource the toolkit makes: " + arn);
            }
            return Swept.deleted();
        } catch (ReplicationGroupNotFoundException | CacheClusterNotFoundException | CacheSubnetGroupNotFoundException
                 | CacheParameterGroupNotFoundException e) {
            return Swept.alreadyGone();
        }
    }
}
