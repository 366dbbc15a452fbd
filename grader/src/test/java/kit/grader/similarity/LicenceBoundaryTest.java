package kit.grader.similarity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit is MIT-licensed and {@code grader.jar} bundles its runtime class path: no GPL library may be on it.
 * JPlag (GPL-3.0) is reached only through {@code similarity.jar}, a separate process; the class page's
 * histogram is drawn with Batik's SVG generator (Apache-2.0), not JFreeSVG (GPL-3.0).
 */
class LicenceBoundaryTest {

    @Test
    @DisplayName("no GPL library (JPlag, JFreeSVG) is on the grader's class path")
    void noGplLibraryOnTheGradersClassPath() {
        ClassLoader loader = LicenceBoundaryTest.class.getClassLoader();
        for (String resource : List.of("de/jplag/JPlag.class", "de/jplag/java/JavaLanguage.class",
                "org/jfree/svg/SVGGraphics2D.class")) {
            assertThat(loader.getResource(resource))
                    .as("%s on the grader's class path: grader.jar would bundle GPL code (see README, Licences)",
                            resource)
                    .isNull();
        }
        assertThat(loader.getResource("org/apache/batik/svggen/SVGGraphics2D.class"))
                .as("Batik's SVG generator, the histogram's Graphics2D").isNotNull();
    }
}
