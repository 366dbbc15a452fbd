package kit.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks that every graded requirement is written in the assignment: each hidden test's {@code requirement} must
 * appear word for word in the plain text of its task's stub Javadoc (see {@link StubJavadoc} for how markup and
 * line breaks are read).
 */
final class RequirementCheck {

    private RequirementCheck() {
    }

    /**
     * One sentence per test whose requirement is missing or not found; empty when all are found.
     *
     * @param javadocByTask per task id, the plain-text paragraphs of its stubs' Javadoc
     */
    static List<String> problems(List<GradedEntry> tests, Map<String, List<String>> javadocByTask) {
        List<String> problems = new ArrayList<>();
        for (GradedEntry test : tests) {
            String requirement = StubJavadoc.normalized(test.requirement());
            List<String> javadoc = javadocByTask.get(test.task());
            if (javadoc == null) {
                problems.add(test.where() + " (\"" + test.name() + "\") belongs to task '" + test.task()
                        + "', which has no stubs in exercises/");
            } else if (requirement.isEmpty()) {
                problems.add(test.where() + " (\"" + test.name() + "\") has no requirement: give @Graded the sentence"
                        + " of " + test.task() + "'s stub Javadoc that it enforces");
            } else if (javadoc.stream().noneMatch(paragraph -> paragraph.contains(requirement))) {
                problems.add(test.where() + " (\"" + test.name() + "\") enforces \"" + requirement + "\", which is not"
                        + " in " + test.task() + "'s stub Javadoc: say it in the stub, or stop grading it");
            }
        }
        return problems;
    }
}
