package kit.grader.report;

import java.awt.Color;
import java.awt.Rectangle;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import java.awt.Dimension;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.batik.svggen.SVGGeneratorContext;
import org.apache.batik.svggen.SVGGraphics2D;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The class page's score histogram: JFreeChart draws a bar chart of the ten score bands into Batik's SVG
 * {@code Graphics2D}, which records it as an SVG element to inline into the page (no script, no external
 * file; text stays text, so it prints sharp and can be searched). Runs headless: nothing is shown on a screen. The same counts are also in a table on the page, for
 * screen readers and for reading without the chart.
 */
final class ScoreHistogram {

    static final int WIDTH = 640;
    static final int HEIGHT = 280;

    /** {@code 0–9 %} … {@code 90–100 %}: the band {@code i} of ten, as a share of the maximum score. */
    static String bandLabel(int i) {
        return axisLabel(i) + " %";
    }

    /** The band's label under its bar, without the unit (the axis title gives it), so that it fits. */
    static String axisLabel(int i) {
        return i == 9 ? "90–100" : (i * 10) + "–" + (i * 10 + 9);
    }

    /** The chart as an {@code <svg>} element. */
    String svg(int[] counts, double maxScore) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (int i = 0; i < counts.length; i++) {
            data.addValue(counts[i], "Submissions", axisLabel(i));
        }
        JFreeChart chart = ChartFactory.createBarChart(null, "Score, % of " + Numbers.points(maxScore) + " points", "Submissions", data, PlotOrientation.VERTICAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xBBBBBB));
        plot.getRangeAxis().setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(1.2f);
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x2F5D8A));
        SVGGraphics2D g2 = new SVGGraphics2D(SVGGeneratorContext.createDefault(emptyDocument()), false);
        g2.setSVGCanvasSize(new Dimension(WIDTH, HEIGHT));
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        Element svg = g2.getRoot();
        svg.setAttribute("id", "score-histogram");
        svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + HEIGHT);
        StringWriter text = new StringWriter();
        try {
            g2.stream(svg, text, true, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return withoutXmlDeclaration(text.toString());
    }

    private static Document emptyDocument() {
        try {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().getDOMImplementation()
                    .createDocument("http://www.w3.org/2000/svg", "svg", null);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is not configured", e);
        }
    }

    /**
     * The element alone: inlined into HTML, the XML declaration and the DOCTYPE Batik writes before it would be
     * stray text; Java's logical fonts become the browser's sans-serif.
     */
    private static String withoutXmlDeclaration(String svg) {
        // Batik breaks its lines inside tags ("<g\n>"); text is escaped, so a '>' after white space ends a tag.
        String element = svg.substring(svg.indexOf("<svg")).replaceAll("\\s+>", ">");
        return element.replace("'Dialog'", "sans-serif").replace("'SansSerif'", "sans-serif")
                .replace("&apos;Dialog&apos;", "sans-serif").replace("&apos;SansSerif&apos;", "sans-serif");
    }
}
