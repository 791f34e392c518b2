package dev.baseshift.engine;

/** An engine call failed; the message is fit for the user (no stack trace needed). */
public class EngineException extends Exception {
    public EngineException(String message) { super(message); }
    public EngineException(String message, Throwable cause) { super(message, cause); }
}
