package kit.similarity;

import de.jplag.JPlag;
import de.jplag.JPlagComparison;
import de.jplag.JPlagResult;
import de.jplag.Match;
import de.jplag.Submission;
import de.jplag.Token;
import de.jplag.exceptions.ExitException;
import de.jplag.options.JPlagOptions;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares submissions with JPlag, one scope at a time, and turns JPlag's token matches into line
 * ranges and text on both sides.
 *
 * <p>JPlag reads each submission into tokens (a normalised stream of the program's structure: names,
 * literals, comments and layout do not matter), finds the longest common runs of tokens between two
 * submissions (at least {@code minimumTokenMatch} tokens long) and reports the share of tokens covered
 * by those runs. Runs that also occur in the base code are dropped first, so the template's stubs do not
 * make everyone alike.
 */
final class JPlagComparer {

    /** The engine's name in the response. */
    static final String ENGINE = "JPlag 4.3.0";

    /**
     * Pairs per scope whose fragments carry their text (the most similar ones; the class page shows no more); the
     * others keep their files and lines only, so a class of many near-copies does not fill the engine's memory.
     */
    static final int PAIRS_WITH_TEXT = 20;

    /** At most this many lines of text per side of a fragment (longer fragments are cut, with a marker). */
    static final int MAX_FRAGMENT_LINES = 80;

    private final double threshold;
    private final Integer minimumTokenMatch;

    JPlagComparer(double threshold, Integer minimumTokenMatch) {
        this.threshold = threshold;
        this.minimumTokenMatch = minimumTokenMatch;
    }

    /** Runs every scope; a scope that cannot be compared becomes a note, not a failure. */
    SimilarityResponse compareAll(List<SimilarityRequest.Scope> scopes) {
        List<SimilarityResponse.Pair> pairs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (SimilarityRequest.Scope scope : scopes) {
            try {
                pairs.addAll(compare(scope));
            } catch (ExitException | RuntimeException e) {
                notes.add(scope.scope() + ": not compared (" + reason(e) + ")");
            }
        }
        return new SimilarityResponse(ENGINE, pairs, notes);
    }

    /** Why a scope was not compared, in the instructor's words where JPlag's are about its own input. */
    static String reason(Exception e) {
        String message = String.valueOf(e.getMessage());
        if (message.startsWith("Not enough valid submissions")) {
            return "fewer than two submissions have code of their own here beyond the template's stubs";
        }
        return message;
    }

    /** The pairs of one scope at or above the threshold, most similar first. */
    List<SimilarityResponse.Pair> compare(SimilarityRequest.Scope scope) throws ExitException {
        JPlagOptions options = new JPlagOptions(new de.jplag.java.Language(),
                Set.of(new File(scope.submissions())), Set.of())
                .withMaximumNumberOfComparisons(JPlagOptions.SHOW_ALL_COMPARISONS);
        if (minimumTokenMatch != null) {
            options = options.withMinimumTokenMatch(minimumTokenMatch);
        }
        if (scope.baseCode() != null) {
            options = options.withBaseCodeSubmissionDirectory(new File(scope.baseCode()));
        }
        JPlagResult result = new JPlag(options).run();
        List<SimilarityResponse.Pair> pairs = new ArrayList<>();
        List<JPlagComparison> listed = new ArrayList<>();
        for (JPlagComparison comparison : result.getAllComparisons()) {
            if (comparison.similarity() >= threshold) {
                listed.add(comparison);
            }
        }
        // The same order as the grader's (most similar first, then the names in order), so that the pairs that keep
        // their text are the ones the class page shows side by side, whatever the order JPlag compared them in.
        listed.sort(Comparator.comparingDouble((JPlagComparison c) -> round(c.similarity())).reversed()
                .thenComparing(JPlagComparer::lowerName).thenComparing(JPlagComparer::higherName));
        int withText = 0;
        for (JPlagComparison comparison : listed) {
            boolean keepText = withText++ < PAIRS_WITH_TEXT;
            Submission first = comparison.firstSubmission();
            Submission second = comparison.secondSubmission();
            boolean swap = first.getName().compareTo(second.getName()) > 0;
            List<SimilarityResponse.Fragment> fragments = new ArrayList<>();
            List<Match> matches = new ArrayList<>(comparison.matches());
            matches.sort(Comparator.comparingInt(Match::startOfFirst));
            for (Match match : matches) {
                Side a = side(first, match.startOfFirst(), match.length(), keepText);
                Side b = side(second, match.startOfSecond(), match.length(), keepText);
                fragments.add(swap ? a.fragmentWith(b, true) : a.fragmentWith(b, false));
            }
            if (swap) {
                fragments.sort(Comparator.comparing(SimilarityResponse.Fragment::firstFile)
                        .thenComparingInt(SimilarityResponse.Fragment::firstStartLine));
            }
            String firstName = swap ? second.getName() : first.getName();
            String secondName = swap ? first.getName() : second.getName();
            pairs.add(new SimilarityResponse.Pair(scope.scope(), firstName, secondName,
                    round(comparison.similarity()), fragments));
        }
        pairs.sort(Comparator.comparingDouble(SimilarityResponse.Pair::similarity).reversed()
                .thenComparing(SimilarityResponse.Pair::first).thenComparing(SimilarityResponse.Pair::second));
        return pairs;
    }

    private static String lowerName(JPlagComparison c) {
        String a = c.firstSubmission().getName();
        String b = c.secondSubmission().getName();
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String higherName(JPlagComparison c) {
        String a = c.firstSubmission().getName();
        String b = c.secondSubmission().getName();
        return a.compareTo(b) <= 0 ? b : a;
    }

    private static double round(double similarity) {
        return Math.round(similarity * 10_000) / 10_000.0;
    }

    /** Where one side of a match lies: its file (relative to the submission) and lines. */
    private record Side(String file, int startLine, int endLine, String text) {

        SimilarityResponse.Fragment fragmentWith(Side other, boolean otherFirst) {
            return otherFirst
                    ? new SimilarityResponse.Fragment(other.file, other.startLine, other.endLine, other.text,
                            file, startLine, endLine, text)
                    : new SimilarityResponse.Fragment(file, startLine, endLine, text,
                            other.file, other.startLine, other.endLine, other.text);
        }
    }

    private final Map<File, List<String>> lines = new HashMap<>();

    private Side side(Submission submission, int start, int length, boolean withText) {
        List<Token> tokens = submission.getTokenList();
        Token firstToken = tokens.get(start);
        File file = firstToken.getFile();
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (int i = start; i < start + length && i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.getLine() > 0 && file.equals(token.getFile())) {
                from = Math.min(from, token.getLine());
                to = Math.max(to, token.getLine());
            }
        }
        if (to == 0) {
            from = to = Math.max(1, firstToken.getLine());
        }
        Path root = submission.getRoot().toPath();
        Path path = file.toPath();
        String relative = (path.startsWith(root) ? root.relativize(path) : path.getFileName()).toString()
                .replace('\\', '/');
        return new Side(relative, from, to, withText ? text(file, from, to) : "");
    }

    private String text(File file, int from, int to) {
        List<String> all = lines.computeIfAbsent(file, f -> {
            try {
                return Files.readAllLines(f.toPath(), StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                return List.of();
            }
        });
        StringBuilder text = new StringBuilder();
        int last = Math.min(to, Math.min(all.size(), from + MAX_FRAGMENT_LINES - 1));
        for (int line = from; line <= last; line++) {
            text.append(all.get(line - 1)).append('\n');
        }
        if (last < to) {
            text.append("… (").append(to - last).append(" more lines)\n");
        }
        return text.toString();
    }
}
