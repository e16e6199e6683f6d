package dev.dvalabs.cli;

/** What the labs command's exit status means; listed in every command's --help and in the README. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int CHECKS_FAILED = 1;
    public static final int BAD_INPUT = 2;
    public static final int TARGET_UNAVAILABLE = 3;
    public static final int DEPLOY_FAILED = 4;
    /** Ctrl-C (SIGINT), as shells report it: 128 + the signal's number. */
    public static final int INTERRUPTED = 130;
    /** SIGTERM, what timeout, CI runners and docker stop send: 128 + 15. */
    public static final int TERMINATED = 143;

    private ExitCode() {}
}
