package kit.grader.find;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directories {@code --submitted-before} grades: for each student repository, a scratch copy of its latest
 * {@code submit/…} tag at or before the deadline ({@link SubmitTags}), or, when it has none, an empty directory
 * of the same name and the reason it scores 0. The copies keep the repositories' names, so reports name the
 * students as without the option.
 */
public final class SubmissionCheckouts {

    /** What was graded for one repository: the tag and commit, or why nothing was. */
    public record Checkout(Path repository, Path dir, SubmitTags.Found found, String missing) {
    }

    private final Map<String, Checkout> byDir = new LinkedHashMap<>();

    private SubmissionCheckouts() {
    }

    /** Prepares a checkout of each repository under {@code scratch} (a fresh directory). */
    public static SubmissionCheckouts prepare(List<Path> repositories, Instant deadline, Path scratch)
            throws IOException {
        SubmissionCheckouts checkouts = new SubmissionCheckouts();
        int i = 0;
        for (Path repo : repositories) {
            Path parent = Files.createDirectories(scratch.resolve(Integer.toString(i++)));
            Path name = repo.toAbsolutePath().normalize().getFileName();
            Path dir = parent.resolve(name == null ? "submission" : name.toString());
            SubmitTags.Found found = null;
            String missing = "";
            try {
                Optional<SubmitTags.Found> latest = SubmitTags.latestAtOrBefore(repo, deadline);
                if (latest.isPresent()) {
                    found = latest.get();
                    SubmitTags.checkOut(repo, found.commit(), dir);
                } else {
                    missing = "no submission in time: no submit/ tag on a commit dated at or before " + deadline;
                }
            } catch (IOException e) {
                missing = "cannot read the repository's submit/ tags: " + e.getMessage();
                found = null;
            }
            if (!missing.isEmpty()) {
                Files.createDirectories(dir);
            }
            checkouts.byDir.put(dir.toString(), new Checkout(repo, dir, found, missing));
        }
        return checkouts;
    }

    /** The directories to grade, in the repositories' order. */
    public List<Path> dirs() {
        List<Path> dirs = new ArrayList<>();
        byDir.values().forEach(c -> dirs.add(c.dir()));
        return dirs;
    }

    /** The checkout graded from {@code dir} (a result's {@code path}), if it is one of these. */
    public Optional<Checkout> of(String dir) {
        return Optional.ofNullable(byDir.get(dir));
    }
}
