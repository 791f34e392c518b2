package dev.baseshift.ui.export;

import dev.baseshift.catalog.Tier;
import dev.baseshift.compare.ComparisonResult;
import dev.baseshift.plan.Plan;
import dev.baseshift.plan.Variant;
import dev.baseshift.ui.TaskRunner;
import dev.baseshift.ui.UserMessages;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Exports through the same writers as the CLI (PNG, CSV, Markdown, JSON) and saves a variant as
 * {@code Dockerfile.<tier>} beside the original — asking before it overwrites anything.
 */
public final class ExportViewModel {

    public enum Format {
        PNG("png", "PNG image"), CSV("csv", "CSV"), MARKDOWN("md", "Markdown"), JSON("json", "JSON");

        public final String extension;
        public final String description;

        Format(String extension, String description) {
            this.extension = extension;
            this.description = description;
        }
    }

    /** Writes a report file. */
    @FunctionalInterface
    public interface ReportWriter {
        void write(ComparisonResult result, Path file) throws IOException;
    }

    /** Saves a variant's text beside the original; throws {@link FileAlreadyExistsException} unless overwrite. */
    @FunctionalInterface
    public interface VariantSaver {
        Path save(Path projectDir, String dockerfileRelPath, Tier tier, String text, boolean overwrite) throws IOException;
    }

    /** A save that needs the user's yes before it replaces {@code file}. */
    public record OverwriteQuestion(Tier tier, Path file) {}

    private final TaskRunner runner;
    private final Map<Format, ReportWriter> writers;
    private final VariantSaver saver;
    private final ReadOnlyObjectWrapper<ComparisonResult> result = new ReadOnlyObjectWrapper<>(this, "result");
    private final ReadOnlyBooleanWrapper canExport = new ReadOnlyBooleanWrapper(this, "canExport");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message");
    private final ReadOnlyObjectWrapper<OverwriteQuestion> overwriteQuestion = new ReadOnlyObjectWrapper<>(this, "overwriteQuestion");
    private final ReadOnlyObjectWrapper<Path> lastWritten = new ReadOnlyObjectWrapper<>(this, "lastWritten");
    private final ReadOnlyObjectWrapper<Tier> selectedTier = new ReadOnlyObjectWrapper<>(this, "selectedTier");
    private final ReadOnlyBooleanWrapper canSaveVariant = new ReadOnlyBooleanWrapper(this, "canSaveVariant");
    private final ReadOnlyBooleanWrapper savesRepair = new ReadOnlyBooleanWrapper(this, "savesRepair");
    private Plan plan;
    private Path lastFolder;

    public ExportViewModel(TaskRunner runner, Map<Format, ReportWriter> writers, VariantSaver saver) {
        this.runner = runner;
        this.writers = new EnumMap<>(writers);
        this.saver = saver;
    }

    public ReadOnlyBooleanProperty canExportProperty() { return canExport.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    /** Set when a save would overwrite a file; the view asks and calls {@link #answerOverwrite}. */
    public ReadOnlyObjectProperty<OverwriteQuestion> overwriteQuestionProperty() { return overwriteQuestion.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Path> lastWrittenProperty() { return lastWritten.getReadOnlyProperty(); }

    /** The tier on the slider, which "Save variant" writes. */
    public ReadOnlyObjectProperty<Tier> selectedTierProperty() { return selectedTier.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty canSaveVariantProperty() { return canSaveVariant.getReadOnlyProperty(); }

    public void setSelectedTier(Tier tier) {
        selectedTier.set(tier);
        updateCanSave();
    }

    private void updateCanSave() {
        Tier t = selectedTier.get();
        canSaveVariant.set(plan != null && t != null && plan.variant(t).map(v -> !v.original()).orElse(false));
        ComparisonResult r = result.get();
        savesRepair.set(canSaveVariant.get() && r != null && r.repair(t).flatMap(o -> o.proven()).isPresent());
    }

    /** Saves the slider's variant as {@code Dockerfile.<tier>}. */
    public void saveSelectedVariant() {
        if (canSaveVariant.get()) saveVariant(selectedTier.get());
    }

    public void setResult(ComparisonResult value) {
        result.set(value);
        canExport.set(value != null);
        updateCanSave();
    }

    /**
     * The text "Save variant" writes for {@code tier}: BaseShift's repaired Dockerfile when a repair of it passed
     * every probe, else the plain variant's.
     */
    public String variantText(Tier tier) {
        ComparisonResult r = result.get();
        if (r != null) {
            var proven = r.repair(tier).flatMap(dev.baseshift.compare.RepairOutcome::proven);
            if (proven.isPresent()) return proven.get().variant().dockerfile();
        }
        return plan == null ? null : plan.variant(tier).map(Variant::dockerfile).orElse(null);
    }

    /** True when "Save variant" would write the repaired Dockerfile of the slider's tier. */
    public ReadOnlyBooleanProperty savesRepairProperty() { return savesRepair.getReadOnlyProperty(); }

    public void setPlan(Plan value) {
        if (value == null || plan == null || !value.projectDir().equals(plan.projectDir())) {
            lastFolder = null;
            message.set(null); // "Kept the existing Dockerfile.slim" belongs to the project it was said in
        }
        plan = value;
        updateCanSave();
    }

    /** e.g. {@code sample-baseshift.png} */
    public String suggestedFileName(Format format) {
        String slug = plan != null ? plan.projectSlug() : "baseshift";
        return slug + "-baseshift." + format.extension;
    }

    /**
     * Where an export dialog opens: the folder last exported to for this project, else the project folder (not the
     * app's working directory); null when neither exists.
     */
    public Path suggestedFolder() {
        if (lastFolder != null && Files.isDirectory(lastFolder)) return lastFolder;
        return plan != null && Files.isDirectory(plan.projectDir()) ? plan.projectDir() : null;
    }

    public void export(Format format, Path file) {
        ComparisonResult r = result.get();
        if (r == null || file == null) return;
        lastFolder = file.toAbsolutePath().getParent();
        ReportWriter writer = writers.get(format);
        message.set("Writing " + file.getFileName() + "…");
        runner.run(() -> {
            writer.write(r, file);
            return file;
        }, written -> {
            lastWritten.set(written);
            // the CSV export writes the layers beside the variants: name both files
            message.set(format == Format.CSV
                    ? "Saved " + format.description + ": " + written + " and its layers: "
                    + dev.baseshift.report.CsvReport.layersFile(written).getFileName()
                    : "Saved " + format.description + ": " + written);
        }, error -> message.set("Could not write " + file + ": " + UserMessages.of(error)));
    }

    /** Saves the variant of {@code tier} as {@code Dockerfile.<tier>}; asks first when that file exists. */
    public void saveVariant(Tier tier) {
        save(tier, false);
    }

    /** The user's answer to {@link #overwriteQuestionProperty()}. */
    public void answerOverwrite(boolean overwrite) {
        OverwriteQuestion q = overwriteQuestion.get();
        overwriteQuestion.set(null);
        if (q == null) return;
        if (overwrite) save(q.tier(), true);
        else message.set("Kept the existing " + q.file().getFileName());
    }

    private void save(Tier tier, boolean overwrite) {
        if (plan == null) return;
        Variant v = plan.variant(tier).orElse(null);
        if (v == null) return;
        if (v.original()) {
            message.set("That is the original Dockerfile; choose another tier on the slider.");
            return;
        }
        Plan p = plan;
        String text = variantText(tier);
        boolean repaired = !text.equals(v.dockerfile());
        runner.run(() -> saver.save(p.projectDir(), p.dockerfilePath(), tier, text, overwrite), written -> {
            lastWritten.set(written);
            message.set("Saved " + written + (repaired ? " (with BaseShift's proven fix)" : ""));
        }, error -> {
            if (error instanceof FileAlreadyExistsException e) {
                overwriteQuestion.set(new OverwriteQuestion(tier, Path.of(e.getFile())));
            } else {
                message.set("Could not save the variant: " + UserMessages.of(error));
            }
        });
    }
}
