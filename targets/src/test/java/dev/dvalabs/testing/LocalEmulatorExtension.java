package dev.dvalabs.testing;

import dev.dvalabs.targets.LocalEmulator;
import dev.dvalabs.targets.Target;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local emulator once for the whole test run, through the same code a learner's command
 * uses, and stops it when the run ends. Tests ask for it as a {@link Target} or {@link LocalEmulator}
 * parameter; another extension of the same test asks with {@link #emulator(ExtensionContext)}.
 */
public final class LocalEmulatorExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Target.class || type == LocalEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return emulator(context);
    }

    /** The emulator of this test run, started now if no test has asked for it yet: the one its tests get as a parameter. */
    public static LocalEmulator emulator(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(LocalEmulatorExtension.class))
                .getOrComputeIfAbsent("emulator", key -> new Running(LocalEmulator.start()), Running.class)
                .emulator();
    }

    private record Running(LocalEmulator emulator) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            emulator.close();
        }
    }
}
