package dev.dvalabs.buildspec;

import dev.dvalabs.testing.RealFilesContract;

/**
 * The buildspec linter on buildspecs that run in AWS's own public repositories (real-files/buildspec/valid)
 * and on variants of them broken in one documented way each (real-files/buildspec/broken).
 */
class RealFilesTest extends RealFilesContract {

    RealFilesTest() {
        super("buildspec", new BuildspecLinter()::lint);
    }
}
