package dev.dvalabs.loop;

/** Input the command cannot act on (an unknown exercise, a name it does not allow); exit code 2. */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }
}
