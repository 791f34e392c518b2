package dev.baseshift.report;

import dev.baseshift.chart.ChartBar;
import dev.baseshift.chart.ChartSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PngReportTest {

    @Test
    void writesA2xPngWithBothColourFamilies(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/chart.png");
        PngReport.write(ChartBar.of(ChartSamples.pythonFamily(), "distroless"), "BaseShift — demo", file);

        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).isNotNull();
        assertThat(img.getWidth()).isEqualTo((int) (PngReport.width(4) * 2));
        assertThat(img.getHeight()).isEqualTo((int) (PngReport.HEIGHT * 2));
        boolean blue = false;
        boolean orange = false;
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                blue |= rgb == 0x1f5f9e || rgb == 0x3b7fc4;
                orange |= rgb == 0xc8641c || rgb == 0xe8893a;
            }
        }
        assertThat(blue).as("base layers drawn").isTrue();
        assertThat(orange).as("app layers drawn").isTrue();
    }
}
