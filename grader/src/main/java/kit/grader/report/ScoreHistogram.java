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
import org.jfree.svg.SVGGraphics2D;

/**
 * The class page's score histogram: JFreeChart draws a bar chart of the ten score bands into JFreeSVG's
 * {@code Graphics2D}, which records it as an SVG element to inline into the page (no script, no external
 * file). Runs headless: nothing is shown on a screen. The same counts are also in a table on the page, for
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
        SVGGraphics2D g2 = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g2, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g2.getSVGElement("score-histogram");
    }
}
