package dev.baseshift.dockerfile;

/** Bad input in a Dockerfile: always names the file and the 1-based line, so users can jump there. */
public class DockerfileException extends Exception {
    private final String file;
    private final int line;
    private final String reason;

    public DockerfileException(String file, int line, String reason) {
        super(file + ":" + line + ": " + reason);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() { return file; }

    /** 1-based line of the problem. */
    public int line() { return line; }

    /** The problem without the location prefix. */
    public String reason() { return reason; }
}
