package kit.grader.compile;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kit.grader.model.CompileError;

/**
 * What compiling a submission gave.
 *
 * @param classes the directory holding the compiled classes (submitted code, and stubs for broken tasks)
 * @param broken per task that did not compile, its errors; those tasks were compiled from the stubs
 * @param stubbed tasks compiled from the stubs because the submission has no sources for them
 */
public record CompileResult(Path classes, Map<String, List<CompileError>> broken, Set<String> stubbed) {

    public CompileResult {
        broken = Map.copyOf(broken);
        stubbed = Set.copyOf(stubbed);
    }
}
