package kit.grader.find;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Classroom 50 submission in a downloaded student repository: the latest {@code submit/…} tag whose
 * submission instant is at or before a deadline, and copies that commit into a scratch directory (the
 * student's repository is only read).
 *
 * <p>The submission instant is the tagged commit's <em>committer date</em>, as Classroom 50 defines it: its
 * runner writes that date as {@code datetime} in {@code result.json}, and its score collection compares it
 * with the assignment's {@code due} to mark a submission late. (An annotated tag's tagger date is when the
 * workflow tagged the push, which can be later than the submission; it is not used.)
 */
public final class SubmitTags {

    /** A submission found in time: its tag, its commit and its instant. */
    public record Found(String tag, String commit, Instant submittedAt) {
    }

    private SubmitTags() {
    }

    /** The latest {@code submit/…} tag of {@code repo} submitted at or before {@code deadline}, if any. */
    public static Optional<Found> latestAtOrBefore(Path repo, Instant deadline) throws IOException {
        String listing = git(repo, "for-each-ref", "refs/tags/submit/",
                "--format=%(refname:short)%09%(objectname)%09%(*objectname)%09%(committerdate:unix)"
                        + "%09%(*committerdate:unix)");
        Found best = null;
        for (String line : listing.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 5 || f[0].isBlank()) {
                continue;
            }
            boolean annotated = !f[2].isBlank();
            String commit = annotated ? f[2] : f[1];
            String seconds = annotated ? f[4] : f[3];
            if (seconds.isBlank()) {
                continue; // a tag of something other than a commit
            }
            Instant when = Instant.ofEpochSecond(Long.parseLong(seconds.strip()));
            if (when.isAfter(deadline)) {
                continue;
            }
            if (best == null || when.isAfter(best.submittedAt())
                    || (when.equals(best.submittedAt()) && f[0].compareTo(best.tag()) > 0)) {
                best = new Found(f[0], commit, when);
            }
        }
        return Optional.ofNullable(best);
    }

    /** Copies {@code commit} of {@code repo} into {@code target} (a new directory), leaving {@code repo} as it was. */
    public static void checkOut(Path repo, String commit, Path target) throws IOException {
        git(target.getParent(), "clone", "--quiet", "--no-checkout", "--no-hardlinks",
                repo.toAbsolutePath().toString(), target.toAbsolutePath().toString());
        git(target, "-c", "advice.detachedHead=false", "checkout", "--quiet", commit);
    }

    private static String git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-c", "safe.directory=*", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " in " + dir + " did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git in " + dir, e);
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException("git " + args[0] + " in " + dir + " failed (exit " + p.exitValue() + "): "
                    + text.strip());
        }
        return text;
    }
}
