package dev.dvalabs.testing;

import dev.dvalabs.targets.Emulator;
import dev.dvalabs.targets.LocalEmulator;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * moto, started once for the whole test run through the same code {@code --target moto} uses, emptied before each
 * test and stopped when the run ends; tests (and their {@code @BeforeEach} methods) ask for it as a
 * {@link LocalEmulator} parameter. For tests that build by API what a stack cannot deploy there.
 */
public final class MotoExtension implements ParameterResolver, BeforeEachCallback {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalEmulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return moto(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        moto(context).reset();
    }

    private static LocalEmulator moto(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.create(MotoExtension.class))
                .getOrComputeIfAbsent("moto", key -> new Running(LocalEmulator.start(new LocalEmulator.Options()
                        .withEmulator(Emulator.MOTO))), Running.class)
                .emulator();
    }

    private record Running(LocalEmulator emulator) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            emulator.close();
        }
    }
}
