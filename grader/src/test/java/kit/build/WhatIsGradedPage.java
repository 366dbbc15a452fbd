package kit.build;

import java.util.List;
import java.util.Locale;

/** Renders {@code docs/what-is-graded.md}: one row per hidden test — task, test, points, kind, requirement. */
final class WhatIsGradedPage {

    /** The one-line command that rewrites the page from the hidden tests' annotations. */
    static final String REGENERATE = "mvn -B -q -pl grader -am test -Dtest=RequirementsTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dkit.whatIsGraded.write=true";

    private WhatIsGradedPage() {
    }

    static String render(List<GradedEntry> tests) {
        StringBuilder page = new StringBuilder();
        page.append("# What is graded\n\n")
                .append("<!-- Generated from the hidden tests' @Graded annotations; do not edit by hand. -->\n\n")
                .append("Every hidden test, with the points it is worth by default, what kind of check it makes and the")
                .append(" sentence of the task's\nstub Javadoc (in `exercises/`) that it enforces. The build fails when")
                .append(" a requirement is not found word for word in\nthe stub, so nothing is graded that the")
                .append(" assignment does not say. The wording of an exception message is never\ngraded: where a test")
                .append(" has advice about a message, it shows it as \"Hint (not graded)\". A test worth 0 points is")
                .append("\nshown but never changes a score.\n\n")
                .append("Regenerate this page after changing a hidden test:\n\n```\n").append(REGENERATE)
                .append("\n```\n");
        String task = null;
        for (GradedEntry test : tests) {
            if (!test.task().equals(task)) {
                task = test.task();
                double total = tests.stream().filter(t -> t.task().equals(test.task())).mapToDouble(GradedEntry::points)
                        .sum();
                page.append("\n## `").append(task).append("` (").append(points(total)).append(" points)\n\n")
                        .append("| Test | Points | Kind | Requirement (stub Javadoc) |\n")
                        .append("|---|---|---|---|\n");
            }
            page.append("| ").append(cell(test.name())).append(" | ").append(points(test.points())).append(" | ")
                    .append(test.kind()).append(" | ").append(cell(test.requirement())).append(" |\n");
        }
        return page.toString();
    }

    private static String points(double points) {
        return points == Math.rint(points) ? String.valueOf((long) points) : String.format(Locale.ROOT, "%s", points);
    }

    /** A table cell: pipes escaped, angle brackets as entities so Markdown shows them as text. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
