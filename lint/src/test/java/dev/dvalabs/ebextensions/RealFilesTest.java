package dev.dvalabs.ebextensions;

import dev.dvalabs.appspec.Finding;
import dev.dvalabs.testing.RealFilesContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The .ebextensions linter on the configuration files AWS publishes for Elastic Beanstalk
 * (real-files/ebextensions/valid), each linted as the one config of a bundle, and on variants of them broken
 * in one documented way each (real-files/ebextensions/broken).
 */
class RealFilesTest extends RealFilesContract {

    RealFilesTest() {
        super("ebextensions", RealFilesTest::lintAsBundle);
    }

    private static List<Finding> lintAsBundle(Path config) throws IOException {
        return new BundleLinter().lint(Map.of(".ebextensions/" + config.getFileName(), Files.readAllBytes(config)))
                .stream().map(BundleLinter.Located::finding).toList();
    }
}
