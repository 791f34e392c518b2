package dev.baseshift.advice;

import java.util.Locale;

/** ERROR = the variant will fail; WARNING = it may break; INFO = worth knowing. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String id() { return name().toLowerCase(Locale.ROOT); }
}
