package dev.baseshift.compare;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SizesTest {

    /** Byte counts and what {@code docker images} printed for them (the 1e+03MB rows are from moby/cli bug reports). */
    @ParameterizedTest(name = "{0} bytes -> {1}")
    @CsvSource({
            "0, 0B",
            "1, 1B",
            "999, 999B",
            "1000, 1kB",
            "1840, 1.84kB",
            "5600, 5.6kB",
            "13256, 13.3kB",
            "99999, 100kB",
            "100000, 100kB",
            "120000, 120kB",
            "999499, 999kB",
            "999999, 1e+03kB",
            "1000000, 1MB",
            "1234567, 1.23MB",
            "4863024, 4.86MB",
            "72800000, 72.8MB",
            "127999999, 128MB",
            "128000000, 128MB",
            "999517084, 1e+03MB",
            "999674558, 1e+03MB",
            "999969339, 1e+03MB",
            "1000000000, 1GB",
            "1200000000, 1.2GB",
            "1250000000, 1.25GB",
            "1255000000, 1.25GB",
            "1255000001, 1.26GB",
            "10500000000, 10.5GB",
            "1000000000000, 1TB",
    })
    void matchesTheDockerCli(long bytes, String expected) {
        assertThat(Sizes.format(bytes)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "%.3g of {0} -> {1}")
    @CsvSource({"12.0, 12", "1.0, 1", "100.0, 100", "0.5, 0.5", "999.5, 1e+03", "1.005, 1", "2.675, 2.67"})
    void formatsLikeGoPercentG(double value, String expected) {
        assertThat(Sizes.formatG(value)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1} bytes")
    @CsvSource({"200MB, 200000000", "1.5GB, 1500000000", "512kB, 512000", "300M, 300000000", "1GiB, 1073741824",
            "123, 123", "' 2 gb ', 2000000000", "0.5MiB, 524288"})
    void parsesWhatUsersType(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @org.junit.jupiter.api.Test
    void rejectsWhatIsNotASize() {
        for (String bad : new String[]{"", "MB", "-1MB", "12 parsecs", "1,5GB"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sizes.parse(bad))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a size");
        }
    }
}
