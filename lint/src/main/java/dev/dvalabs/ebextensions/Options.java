package dev.dvalabs.ebextensions;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The option namespaces and option names an {@code .ebextensions} config may set, as AWS documents them,
 * and the top-level keys of a config file. Written as data, in one place, so that a namespace AWS adds is
 * one line here.
 *
 * <p>Sources: AWS Elastic Beanstalk Developer Guide, "Configuration options" → "General options for all
 * environments" (command-options-general.html) and "Platform specific options"
 * (command-options-specific.html) for the namespaces; "Advanced environment customization with
 * configuration files (.ebextensions)" (ebextensions.html), "Customizing software on Linux servers"
 * (customize-containers-ec2.html) and "Adding and customizing Elastic Beanstalk environment resources"
 * (environment-resources.html) for the keys.
 */
final class Options {

    private Options() {
    }

    /**
     * The keys a config file's top level may have: Elastic Beanstalk's own, and the CloudFormation sections
     * it merges into the environment's template (Resources, Outputs, Parameters, Mappings).
     * https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/ebextensions.html,
     * https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/ebextensions-otherkeys.html
     */
    static final List<String> TOP_LEVEL_KEYS = List.of("option_settings", "packages", "sources", "files", "users",
            "groups", "commands", "services", "container_commands", "Resources", "Outputs", "Parameters", "Mappings");

    /**
     * packages: the package managers Elastic Beanstalk supports: "yum, rubygems, python, and rpm" on Linux
     * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-ec2.html#linux-packages) and
     * msi on Windows (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-windows-ec2.html#windows-packages).
     */
    static final List<String> PACKAGE_MANAGERS = List.of("yum", "rpm", "rubygems", "python", "msi");

    /**
     * services: sysvinit on Linux
     * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-ec2.html#linux-services) and
     * windows on Windows (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-windows-ec2.html#windows-services).
     */
    static final List<String> SERVICE_MANAGERS = List.of("sysvinit", "windows");

    /**
     * A service's settings under services: sysvinit: or windows:, "Options" of
     * https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-ec2.html#linux-services and
     * https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-windows-ec2.html#windows-services.
     */
    static final List<String> SERVICE_SETTINGS = List.of("ensureRunning", "enabled", "files", "sources", "packages",
            "commands");

    /**
     * Namespaces whose option names are the learner's own: environment properties, static paths, and custom
     * options, which Fn::GetOptionSetting reads
     * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/configuration-options-custom.html).
     */
    static final Set<String> FREE_FORM = Set.of("aws:elasticbeanstalk:application:environment",
            "aws:elasticbeanstalk:application:environmentsecrets", "aws:elasticbeanstalk:environment:proxy:staticfiles",
            "aws:elasticbeanstalk:container:python:staticfiles", "aws:elasticbeanstalk:customoption");

    /** The namespace of an option given without one (the short list form), as Elastic Beanstalk reads it. */
    static final String DEFAULT_NAMESPACE = "aws:elasticbeanstalk:application:environment";

    /** Namespaces with a name of the learner's own as their last part: a listener's port, a process's or rule's name. */
    private static final Map<String, List<String>> PREFIXED = Map.of(
            "aws:elasticbeanstalk:environment:process:", List.of("DeregistrationDelay", "HealthCheckInterval",
                    "HealthCheckPath", "HealthCheckTimeout", "HealthyThresholdCount", "MatcherHTTPCode", "Port",
                    "Protocol", "StickinessEnabled", "StickinessLBCookieDuration", "StickinessType",
                    "UnhealthyThresholdCount"),
            "aws:elbv2:listener:", List.of("DefaultProcess", "ListenerEnabled", "Protocol", "Rules",
                    "SSLCertificateArns", "SSLPolicy"),
            "aws:elbv2:listenerrule:", List.of("HostHeaders", "PathPatterns", "Priority", "Process"),
            "aws:elb:listener:", List.of("InstancePort", "InstanceProtocol", "ListenerEnabled", "ListenerProtocol",
                    "PolicyNames", "SSLCertificateId"));

    /** Namespace → its option names. */
    static final Map<String, List<String>> NAMESPACES = new TreeMap<>(Map.ofEntries(
            Map.entry("aws:autoscaling:asg", List.of("Availability Zones", "Cooldown", "Custom Availability Zones",
                    "EnableCapacityRebalancing", "MinSize", "MaxSize")),
            Map.entry("aws:autoscaling:launchconfiguration", List.of("DisableDefaultEC2SecurityGroup", "DisableIMDSv1",
                    "EC2KeyName", "IamInstanceProfile", "ImageId", "InstanceType", "LaunchTemplateTagPropagationEnabled",
                    "MonitoringInterval", "SecurityGroups", "SSHSourceRestriction", "BlockDeviceMappings",
                    "RootVolumeType", "RootVolumeSize", "RootVolumeIOPS", "RootVolumeThroughput")),
            Map.entry("aws:autoscaling:scheduledaction", List.of("StartTime", "EndTime", "MaxSize", "MinSize",
                    "DesiredCapacity", "Recurrence", "Suspend")),
            Map.entry("aws:autoscaling:trigger", List.of("BreachDuration", "LowerBreachScaleIncrement", "LowerThreshold",
                    "MeasureName", "Period", "EvaluationPeriods", "Statistic", "Unit", "UpperBreachScaleIncrement",
                    "UpperThreshold")),
            Map.entry("aws:autoscaling:updatepolicy:rollingupdate", List.of("MaxBatchSize", "MinInstancesInService",
                    "RollingUpdateEnabled", "RollingUpdateType", "PauseTime", "Timeout")),
            Map.entry("aws:ec2:instances", List.of("EnableSpot", "InstanceTypes", "SpotFleetOnDemandBase",
                    "SpotFleetOnDemandAboveBasePercentage", "SpotMaxPrice", "SupportedArchitectures")),
            Map.entry("aws:ec2:vpc", List.of("VPCId", "Subnets", "ELBSubnets", "ELBScheme", "DBSubnets",
                    "AssociatePublicIpAddress")),
            Map.entry("aws:elasticbeanstalk:application", List.of("Application Healthcheck URL")),
            Map.entry("aws:elasticbeanstalk:cloudwatch:logs", List.of("StreamLogs", "DeleteOnTerminate", "RetentionInDays")),
            Map.entry("aws:elasticbeanstalk:cloudwatch:logs:health", List.of("HealthStreamingEnabled", "DeleteOnTerminate",
                    "RetentionInDays")),
            Map.entry("aws:elasticbeanstalk:command", List.of("DeploymentPolicy", "Timeout", "BatchSizeType", "BatchSize",
                    "IgnoreHealthCheck")),
            Map.entry("aws:elasticbeanstalk:environment", List.of("EnvironmentType", "ServiceRole", "LoadBalancerType",
                    "LoadBalancerIsShared")),
            Map.entry("aws:elasticbeanstalk:environment:proxy", List.of("ProxyServer")),
            Map.entry("aws:elasticbeanstalk:healthreporting:system", List.of("SystemType", "ConfigDocument",
                    "EnhancedHealthAuthEnabled", "HealthCheckSuccessThreshold")),
            Map.entry("aws:elasticbeanstalk:hostmanager", List.of("LogPublicationControl")),
            Map.entry("aws:elasticbeanstalk:managedactions", List.of("ManagedActionsEnabled", "PreferredStartTime",
                    "ServiceRoleForManagedUpdates")),
            Map.entry("aws:elasticbeanstalk:managedactions:platformupdate", List.of("UpdateLevel", "InstanceRefreshEnabled")),
            Map.entry("aws:elasticbeanstalk:monitoring", List.of("Automatically Terminate Unhealthy Instances")),
            Map.entry("aws:elasticbeanstalk:sns:topics", List.of("Notification Endpoint", "Notification Protocol",
                    "Notification Topic ARN", "Notification Topic Name")),
            Map.entry("aws:elasticbeanstalk:sqsd", List.of("WorkerQueueURL", "HttpPath", "MimeType", "HttpConnections",
                    "ConnectTimeout", "InactivityTimeout", "VisibilityTimeout", "ErrorVisibilityTimeout", "RetentionPeriod",
                    "MaxRetries")),
            Map.entry("aws:elasticbeanstalk:trafficsplitting", List.of("NewVersionPercent", "EvaluationTime")),
            Map.entry("aws:elasticbeanstalk:xray", List.of("XRayEnabled")),
            Map.entry("aws:elb:healthcheck", List.of("HealthyThreshold", "Interval", "Timeout", "UnhealthyThreshold")),
            Map.entry("aws:elb:loadbalancer", List.of("CrossZone", "SecurityGroups", "ManagedSecurityGroup")),
            Map.entry("aws:elb:policies", List.of("ConnectionDrainingEnabled", "ConnectionDrainingTimeout",
                    "ConnectionSettingIdleTimeout", "LoadBalancerPorts", "Stickiness Cookie Expiration", "Stickiness Policy")),
            Map.entry("aws:elbv2:loadbalancer", List.of("AccessLogsS3Bucket", "AccessLogsS3Enabled", "AccessLogsS3Prefix",
                    "IdleTimeout", "ManagedSecurityGroup", "SecurityGroups", "SharedLoadBalancer")),
            Map.entry("aws:rds:dbinstance", List.of("DBAllocatedStorage", "DBDeletionPolicy", "DBEngine", "DBEngineVersion",
                    "DBInstanceClass", "DBPassword", "DBSnapshotIdentifier", "DBUser", "HasCoupledDatabase",
                    "MultiAZDatabase")),
            // Platform specific options (command-options-specific.html).
            Map.entry("aws:elasticbeanstalk:container:python", List.of("WSGIPath", "NumProcesses", "NumThreads")),
            Map.entry("aws:elasticbeanstalk:container:php:phpini", List.of("document_root", "memory_limit",
                    "zlib.output_compression", "allow_url_fopen", "display_errors", "max_execution_time", "composer_options")),
            Map.entry("aws:elasticbeanstalk:container:tomcat:jvmoptions", List.of("JVM Options", "Xms", "Xmx",
                    "XX:MaxPermSize")),
            Map.entry("aws:elasticbeanstalk:container:nodejs", List.of("NodeCommand", "NodeVersion", "GzipCompression",
                    "ProxyServer")),
            Map.entry("aws:elasticbeanstalk:container:dotnet:apppool", List.of("Target Runtime", "Enable 32-bit Applications"))));

    /**
     * The documented values of the options whose values have a type, from "General options for all
     * environments" (command-options-general.html), each option's "Valid values" column. Options not
     * listed take free text (a path, an ARN, a duration) and are not checked.
     */
    static final Map<String, OptionValue> VALUES = Map.ofEntries(
            // aws:elasticbeanstalk:command
            Map.entry("aws:elasticbeanstalk:command DeploymentPolicy", OptionValue.oneOf("AllAtOnce", "Rolling",
                    "RollingWithAdditionalBatch", "Immutable", "TrafficSplitting")),
            Map.entry("aws:elasticbeanstalk:command Timeout", OptionValue.wholeNumber(1, 3600)),
            Map.entry("aws:elasticbeanstalk:command BatchSizeType", OptionValue.oneOf("Percentage", "Fixed")),
            // 1 to 100 as a Percentage, 1 to the group's MaxSize (at most 10000) when Fixed.
            Map.entry("aws:elasticbeanstalk:command BatchSize", OptionValue.wholeNumber(1, 10000)),
            Map.entry("aws:elasticbeanstalk:command IgnoreHealthCheck", OptionValue.bool()),
            // aws:autoscaling:updatepolicy:rollingupdate
            Map.entry("aws:autoscaling:updatepolicy:rollingupdate MaxBatchSize", OptionValue.wholeNumber(1, 10000)),
            Map.entry("aws:autoscaling:updatepolicy:rollingupdate MinInstancesInService", OptionValue.wholeNumber(0, 9999)),
            Map.entry("aws:autoscaling:updatepolicy:rollingupdate RollingUpdateEnabled", OptionValue.bool()),
            Map.entry("aws:autoscaling:updatepolicy:rollingupdate RollingUpdateType", OptionValue.oneOf("Time", "Health",
                    "Immutable")),
            // aws:autoscaling:asg
            Map.entry("aws:autoscaling:asg MinSize", OptionValue.wholeNumber(1, 10000)),
            Map.entry("aws:autoscaling:asg MaxSize", OptionValue.wholeNumber(1, 10000)),
            Map.entry("aws:autoscaling:asg Cooldown", OptionValue.wholeNumber(0, 10000)),
            // aws:elasticbeanstalk:environment, healthreporting, logs, X-Ray
            Map.entry("aws:elasticbeanstalk:environment EnvironmentType", OptionValue.oneOf("SingleInstance", "LoadBalanced")),
            Map.entry("aws:elasticbeanstalk:environment LoadBalancerType", OptionValue.oneOf("classic", "application",
                    "network")),
            Map.entry("aws:elasticbeanstalk:environment LoadBalancerIsShared", OptionValue.bool()),
            Map.entry("aws:elasticbeanstalk:healthreporting:system SystemType", OptionValue.oneOf("basic", "enhanced")),
            Map.entry("aws:elasticbeanstalk:cloudwatch:logs StreamLogs", OptionValue.bool()),
            Map.entry("aws:elasticbeanstalk:cloudwatch:logs DeleteOnTerminate", OptionValue.bool()),
            Map.entry("aws:elasticbeanstalk:xray XRayEnabled", OptionValue.bool()));

    /**
     * The settings of a file under files:, "Options" of
     * https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-ec2.html#linux-files (the
     * Windows page lists a subset).
     */
    static final List<String> FILE_SETTINGS = List.of("content", "source", "encoding", "group", "owner", "mode",
            "authentication");

    /** files: encoding, "Valid values: plain | base64" (customize-containers-ec2.html#linux-files). */
    static final List<String> FILE_ENCODINGS = List.of("plain", "base64");

    /**
     * The settings of a command under commands:: the Linux page's command, env, cwd, test, ignoreErrors
     * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-ec2.html#linux-commands) and
     * waitAfterCompletion, which the Windows page documents
     * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-windows-ec2.html#windows-commands)
     * and AWS's Linux samples use too.
     */
    static final List<String> COMMAND_SETTINGS = List.of("command", "env", "cwd", "test", "ignoreErrors",
            "waitAfterCompletion");

    /**
     * container_commands: the same and leader_only
     * (https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/customize-containers-ec2.html#linux-container-commands).
     */
    static final List<String> CONTAINER_COMMAND_SETTINGS = List.of("command", "env", "cwd", "leader_only", "test",
            "ignoreErrors", "waitAfterCompletion");

    /** A file's mode under files:, per customize-containers-ec2.html: "A six-digit octal value", such as "000644". */
    static final String FILE_MODE = "[0-7]{6}";

    /**
     * A shorter octal mode, "0644": not the documented six digits, but AWS publishes it in its own samples
     * (awsdocs/elastic-beanstalk-samples, logs-streamtocloudwatch-linux.config), so it is warned, not refused.
     */
    static final String SHORT_FILE_MODE = "[0-7]{3,5}";

    /** An absolute path on a Linux server (/etc/app.conf) or a Windows one (c:\\app\\app.conf). */
    static final String ABSOLUTE_PATH = "/.*|[A-Za-z]:[\\\\/].*";

    /** The option names of a namespace; empty when the namespace is unknown, null names when it is free-form. */
    static Optional<List<String>> names(String namespace) {
        if (NAMESPACES.containsKey(namespace)) {
            return Optional.of(NAMESPACES.get(namespace));
        }
        for (var prefixed : PREFIXED.entrySet()) {
            if (namespace.startsWith(prefixed.getKey()) && namespace.length() > prefixed.getKey().length()
                    && !namespace.substring(prefixed.getKey().length()).contains(":")) {
                return Optional.of(prefixed.getValue());
            }
        }
        return Optional.empty();
    }

    static boolean isFreeForm(String namespace) {
        return FREE_FORM.contains(namespace);
    }

    /** Every namespace written out, for "did you mean" hints. */
    static List<String> allNamespaces() {
        List<String> all = new java.util.ArrayList<>(NAMESPACES.keySet());
        all.addAll(FREE_FORM);
        PREFIXED.keySet().forEach(p -> all.add(p + "default"));
        return all;
    }
}
