package kit.grader.find;

import java.nio.file.Path;
import java.util.List;
import kit.grader.protect.ProtectedChange;

/**
 * A submission's sources that belong to task packages, and what was left out.
 *
 * @param name the submission's name (its directory's name)
 * @param directory the directory given on the command line
 * @param sourceRoot the {@code src/main/java} directory the sources were read from
 * @param sources the Java files in task packages
 * @param notes remarks for the report: left-out files, files read as ISO-8859-1, changed protected files
 * @param protectedChanges the template's protected files (build file, public tests, workflows) that differ
 */
public record Submission(String name, Path directory, Path sourceRoot, List<SourceFile> sources, List<String> notes,
        List<ProtectedChange> protectedChanges) {

    public Submission {
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
        protectedChanges = List.copyOf(protectedChanges);
    }

    /** A submission with no changed protected files. */
    public Submission(String name, Path directory, Path sourceRoot, List<SourceFile> sources, List<String> notes) {
        this(name, directory, sourceRoot, sources, notes, List.of());
    }

    /** The sources of one task. */
    public List<SourceFile> sourcesOf(String task) {
        return sources.stream().filter(s -> s.task().equals(task)).toList();
    }
}
