package dev.dvalabs.cli;

import dev.dvalabs.cdk.Variant;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code starter} or {@code solution} as a learner types them. */
final class VariantConverter implements ITypeConverter<Variant> {
    @Override
    public Variant convert(String value) {
        try {
            return Variant.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException("'" + value + "' is not a variant; use starter or solution.");
        }
    }
}
