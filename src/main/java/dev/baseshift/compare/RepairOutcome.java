package dev.baseshift.compare;

import dev.baseshift.catalog.Tier;
import dev.baseshift.diagnosis.Diagnosis;
import dev.baseshift.diagnosis.RepairPatch;

import java.util.List;
import java.util.Optional;

/**
 * What BaseShift found and did for one failing variant: why it failed (from evidence), the patch, and every rebuild
 * with its probes. Only a variant whose rebuild passed every probe is {@link #proven()}.
 *
 * @param tier      the variant's tier
 * @param diagnoses every diagnosis, of the plain variant first, then of each attempt that still failed
 * @param patch     the last patch proposed (null when none could be written)
 * @param attempts  the rebuilds, in order (at most three)
 * @param verdict   one sentence: "proven: passes 2/2 probes, 80.2 MB smaller than full", "not repaired: …"
 */
public record RepairOutcome(Tier tier, List<Diagnosis> diagnoses, RepairPatch patch, List<Attempt> attempts,
                            String verdict) {
    public RepairOutcome {
        diagnoses = List.copyOf(diagnoses);
        attempts = List.copyOf(attempts);
    }

    /**
     * One rebuild of the patched variant.
     *
     * @param round   1-based
     * @param patch   what was built
     * @param result  its build, sizes and probes (the variant is the repaired one)
     * @param found   diagnoses of this attempt's own failures (empty when it passed)
     */
    public record Attempt(int round, RepairPatch patch, VariantResult result, List<Diagnosis> found) {
        public Attempt {
            found = List.copyOf(found);
        }
    }

    /** The repaired variant that passed every probe, if an attempt did. */
    public Optional<VariantResult> proven() {
        return attempts.stream().map(Attempt::result).filter(VariantResult::passesAll).findFirst();
    }

    /** The last attempt's result, if any was built or tried. */
    public Optional<VariantResult> last() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1).result());
    }
}
