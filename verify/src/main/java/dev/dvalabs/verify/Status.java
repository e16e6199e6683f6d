package dev.dvalabs.verify;

/** What a check concluded. Only FAIL and ERROR make a verification fail; SKIP is reported, never hidden. */
public enum Status {
    PASS, FAIL, SKIP, ERROR
}
