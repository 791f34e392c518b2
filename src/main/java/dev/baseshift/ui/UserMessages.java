package dev.baseshift.ui;

import dev.baseshift.dockerfile.DockerfileException;

import java.io.FileNotFoundException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns a failure into one sentence for the window: never a stack trace. */
public final class UserMessages {
    private UserMessages() {}

    public static String of(Throwable t) {
        Throwable e = t;
        while ((e instanceof ExecutionException || e instanceof CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof DockerfileException d) return d.getMessage();
        if (e instanceof NoSuchFileException n) return "file not found: " + n.getFile();
        if (e instanceof AccessDeniedException a) return "permission denied: " + a.getFile();
        if (e instanceof FileNotFoundException f) return "file not found: " + f.getMessage();
        String msg = e.getMessage();
        if (msg == null || msg.isBlank()) {
            return "unexpected " + e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase();
        }
        return msg;
    }
}
