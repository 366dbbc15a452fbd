package kit.grader;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kit.grader.find.SubmitTags;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --submitted-before} on local git repositories with Classroom 50 submit tags made here. */
class SubmittedBeforeTest {

    @TempDir
    Path dir;

    private static void git(Path repo, String date, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "user.name=s",
                "-c", "user.email=s@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("GIT_COMMITTER_DATE", date);
        pb.environment().put("GIT_AUTHOR_DATE", date);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", args, out).isZero();
    }

    private static String head(Path repo) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("git", "-C", repo.toString(), "rev-parse", "HEAD").start();
        String sha = new String(p.getInputStream().readAllBytes()).strip();
        p.waitFor();
        return sha;
    }

    /** A repository with a stub at 2026-11-30, a tagged version at 2026-12-01 10:00 and a later one at 2026-12-02. */
    private Path repoWithSubmissions(String name) throws Exception {
        Path repo = Files.createDirectories(dir.resolve(name));
        git(repo, "2026-11-30T10:00:00Z", "init", "-q", "-b", "main");
        Files.writeString(repo.resolve("marker.txt"), "first\n");
        git(repo, "2026-11-30T10:00:00Z", "add", "-A");
        git(repo, "2026-11-30T10:00:00Z", "commit", "-q", "-m", "first");
        git(repo, "2026-11-30T10:00:00Z", "tag", "submit/20261130T100000Z-first");
        Files.writeString(repo.resolve("marker.txt"), "in time\n");
        git(repo, "2026-12-01T10:00:00Z", "commit", "-q", "-am", "in time");
        git(repo, "2026-12-01T10:00:00Z", "tag", "-a", "-m", "submission", "submit/20261201T100000Z-intime");
        Files.writeString(repo.resolve("marker.txt"), "late\n");
        git(repo, "2026-12-02T10:00:00Z", "commit", "-q", "-am", "late");
        git(repo, "2026-12-02T10:00:00Z", "tag", "submit/20261202T100000Z-late");
        return repo;
    }

    @Test
    @DisplayName("the latest submit/ tag whose commit is dated at or before the deadline is found, annotated or not, and checked out into a copy")
    void findsLatestInTime() throws Exception {
        Path repo = repoWithSubmissions("alice");
        SubmitTags.Found found = SubmitTags.latestAtOrBefore(repo, Instant.parse("2026-12-01T23:59:00Z")).orElseThrow();
        assertThat(found.tag()).isEqualTo("submit/20261201T100000Z-intime");
        assertThat(found.submittedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00Z"));
        assertThat(SubmitTags.latestAtOrBefore(repo, Instant.parse("2026-12-01T10:00:00Z")).orElseThrow().tag())
                .as("a submission exactly at the deadline is in time").isEqualTo("submit/20261201T100000Z-intime");
        assertThat(SubmitTags.latestAtOrBefore(repo, Instant.parse("2026-11-30T11:00:00Z")).orElseThrow().tag())
                .isEqualTo("submit/20261130T100000Z-first");
        assertThat(SubmitTags.latestAtOrBefore(repo, Instant.parse("2026-11-29T00:00:00Z"))).isEmpty();

        String before = head(repo);
        Path copy = Files.createDirectories(dir.resolve("scratch")).resolve("alice");
        SubmitTags.checkOut(repo, found.commit(), copy);
        assertThat(Files.readString(copy.resolve("marker.txt"))).isEqualTo("in time\n");
        assertThat(Files.readString(repo.resolve("marker.txt"))).as("the student's repository is untouched").isEqualTo("late\n");
        assertThat(head(repo)).isEqualTo(before);
    }

    @Test
    @DisplayName("./grade repos --submitted-before --csv names the graded tag and commit, and gives 0 with a reason to a repository without a submission in time")
    void csvColumns() throws Exception {
        Path alice = repoWithSubmissions("alice");
        Path bob = Files.createDirectories(dir.resolve("bob"));
        git(bob, "2026-12-03T10:00:00Z", "init", "-q", "-b", "main");
        Files.writeString(bob.resolve("a.txt"), "x\n");
        git(bob, "2026-12-03T10:00:00Z", "add", "-A");
        git(bob, "2026-12-03T10:00:00Z", "commit", "-q", "-m", "late only");
        git(bob, "2026-12-03T10:00:00Z", "tag", "submit/20261203T100000Z-late");
        Path csv = dir.resolve("grades.csv");
        StringWriter err = new StringWriter();
        int status = Main.run(Map.of(), new PrintWriter(new StringWriter()), new PrintWriter(err), alice.toString(),
                bob.toString(), "--submitted-before", "2026-12-01T23:59:00Z", "--csv", csv.toString(), "--task", "counter");
        assertThat(status).as("stderr: %s", err).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).endsWith(",graded_tag,graded_commit,submitted_at");
        String aliceRow = lines.stream().filter(l -> l.startsWith("alice,")).findFirst().orElseThrow();
        assertThat(aliceRow).contains("submit/20261201T100000Z-intime").contains("2026-12-01T10:00:00Z");
        String bobRow = lines.stream().filter(l -> l.startsWith("bob,")).findFirst().orElseThrow();
        assertThat(bobRow).startsWith("bob,0,0,").contains("no submission in time");
        assertThat(Files.readString(alice.resolve("marker.txt"))).isEqualTo("late\n");
    }
}
