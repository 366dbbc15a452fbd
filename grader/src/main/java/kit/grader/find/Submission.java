package kit.grader.find;

import java.nio.file.Path;
import java.util.List;

/**
 * A submission's sources that belong to task packages, and what was left out.
 *
 * @param name the submission's name (its directory's name)
 * @param directory the directory given on the command line
 * @param sourceRoot the {@code src/main/java} directory the sources were read from
 * @param sources the Java files in task packages
 * @param notes remarks for the report: left-out files, files read as ISO-8859-1
 */
public record Submission(String name, Path directory, Path sourceRoot, List<SourceFile> sources, List<String> notes) {

    public Submission {
        sources = List.copyOf(sources);
        notes = List.copyOf(notes);
    }

    /** The sources of one task. */
    public List<SourceFile> sourcesOf(String task) {
        return sources.stream().filter(s -> s.task().equals(task)).toList();
    }
}
