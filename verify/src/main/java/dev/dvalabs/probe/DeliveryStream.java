package dev.dvalabs.probe;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.ExtendedS3DestinationDescription;
import software.amazon.awssdk.services.firehose.model.KinesisStreamSourceDescription;
import software.amazon.awssdk.services.firehose.model.ProcessingConfiguration;
import software.amazon.awssdk.services.firehose.model.ProcessorParameter;

/**
 * A Firehose delivery stream as DescribeDeliveryStream showed it once, with the properties a check names:
 * its source, its S3 destination's bucket, prefix, buffers and record transformation.
 */
public record DeliveryStream(DeliveryStreamDescription description) {

    /** Firehose's default for a Lambda processor's BufferIntervalInSeconds. */
    public static final int PROCESSOR_BUFFER_SECONDS = 60;

    public String name() {
        return description.deliveryStreamName();
    }

    /** The delivery stream's type and, when it reads one, the data stream's name: "KinesisStreamAsSource, stream x". */
    public String source() {
        String type = description.deliveryStreamTypeAsString();
        KinesisStreamSourceDescription source = kinesisSource().orElse(null);
        if (source == null) {
            return type;
        }
        String arn = source.kinesisStreamARN();
        return type + ", stream " + (arn == null ? "none" : arn.substring(arn.indexOf(":stream/") + ":stream/".length()));
    }

    public Optional<KinesisStreamSourceDescription> kinesisSource() {
        return Optional.ofNullable(description.source()).map(s -> s.kinesisStreamSourceDescription());
    }

    /** The extended S3 destination, when it has one. */
    public Optional<ExtendedS3DestinationDescription> s3() {
        return description.destinations().isEmpty() ? Optional.empty()
                : Optional.ofNullable(description.destinations().get(0).extendedS3DestinationDescription());
    }

    /** The destination bucket's name, or why there is none. */
    public String bucket() {
        return s3().map(s -> Arn.tryFromString(s.bucketARN()).map(Arn::resourceAsString).orElse(s.bucketARN()))
                .orElse("none (no S3 destination)");
    }

    /** The S3 prefix; "" without one or without an S3 destination. */
    public String prefix() {
        return s3().map(s -> s.prefix() == null ? "" : s.prefix()).orElse("");
    }

    /** "1 MB / 60 s", or "none". */
    public String buffering() {
        return s3().filter(s -> s.bufferingHints() != null)
                .map(s -> s.bufferingHints().sizeInMBs() + " MB / " + s.bufferingHints().intervalInSeconds() + " s").orElse("none");
    }

    /** The S3 buffer's interval in seconds: Firehose's default 300 without one. */
    public int bufferIntervalSeconds() {
        return s3().filter(s -> s.bufferingHints() != null && s.bufferingHints().intervalInSeconds() != null)
                .map(s -> s.bufferingHints().intervalInSeconds()).orElse(300);
    }

    /** The processors' BufferIntervalInSeconds; 0 without processing, Firehose's default when not set. */
    public int processorBufferSeconds() {
        return s3().map(ExtendedS3DestinationDescription::processingConfiguration).map(p -> p.processors().stream()
                .flatMap(x -> x.parameters().stream())
                .filter(x -> "BufferIntervalInSeconds".equals(x.parameterNameAsString()))
                .map(ProcessorParameter::parameterValue).mapToInt(Integer::parseInt).findFirst().orElse(PROCESSOR_BUFFER_SECONDS))
                .orElse(0);
    }

    /** "enabled, Lambda fn" or "disabled, ..." or "none". */
    public String processing() {
        ProcessingConfiguration processing = s3().map(ExtendedS3DestinationDescription::processingConfiguration).orElse(null);
        if (processing == null || !processing.hasProcessors() || processing.processors().isEmpty()) {
            return "none";
        }
        String functions = processing.processors().stream().map(p -> p.typeAsString() + " " + p.parameters().stream()
                        .filter(q -> "LambdaArn".equals(q.parameterNameAsString())).map(q -> function(q.parameterValue()))
                        .collect(Collectors.joining(", ")))
                .collect(Collectors.joining("; "));
        return (Boolean.TRUE.equals(processing.enabled()) ? "enabled, " : "disabled, ") + functions;
    }

    /** The Lambda ARNs its processors name. */
    public List<String> functionArns() {
        return s3().map(ExtendedS3DestinationDescription::processingConfiguration).filter(ProcessingConfiguration::hasProcessors)
                .map(p -> p.processors().stream().flatMap(x -> x.parameters().stream())
                        .filter(x -> "LambdaArn".equals(x.parameterNameAsString())).map(ProcessorParameter::parameterValue).toList())
                .orElse(List.of());
    }

    /** A function's name from its ARN, with or without a version or alias after it. */
    static String function(String arn) {
        String[] parts = arn.split(":");
        return parts.length >= 7 ? parts[6] : arn;
    }
}
