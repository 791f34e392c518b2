package dev.baseshift.dockerfile;

/**
 * One build stage.
 *
 * @param index       0-based
 * @param name        the {@code AS} name (as written), or null
 * @param baseText    the FROM image text as written, e.g. {@code python:${PY}}
 * @param base        the FROM image after ARG expansion
 * @param line        line of the FROM instruction
 * @param parentStage index of the stage this one is built FROM, or -1 when it starts from an image
 * @param from        the FROM instruction itself
 */
public record Stage(int index, String name, String baseText, String base, int line, int parentStage, Instruction from) {
    public boolean fromImage() { return parentStage < 0; }
}
