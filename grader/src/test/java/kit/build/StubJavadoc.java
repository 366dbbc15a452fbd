package kit.build;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Javadoc of a task's stubs as a student reads it rendered: one plain-text paragraph per comment, so that a
 * hidden test's requirement can be looked up in it word for word.
 *
 * <p>How a comment becomes plain text (and so how a requirement must be written):
 * <ul>
 *   <li>the comment's line breaks and leading {@code *} go; every run of white space becomes one space;
 *   <li>inline tags show their text: {@code {@code x}} and {@code {@literal x}} → {@code x};
 *       {@code {@link T#m label}} → {@code label}; {@code {@link T#m}} → {@code m}, {@code {@link a.b.T}} →
 *       {@code T} (the last name, as the rendered page shows it without its package);
 *   <li>HTML tags ({@code <p>}, {@code <li>}, {@code <pre>}, …) go and the entities {@code &lt; &gt; &amp;}
 *       become {@code < > &};
 *   <li>block tags stay as written, e.g. {@code @throws IllegalArgumentException if threads < 1}.
 * </ul>
 * A requirement is plain text so that it reads well in a report and in {@code docs/what-is-graded.md}, where
 * markup would show as noise; its words are still exactly the stub's.
 */
final class StubJavadoc {

    private static final Pattern COMMENT = Pattern.compile("/\\*\\*(.*?)\\*/", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|link|linkplain)\\s+((?:[^{}]|\\{[^{}]*\\})*)\\}");
    private static final Pattern TAG = Pattern.compile("<[/a-zA-Z][^<>]*>");

    private static final String LESS = "\u0001";
    private static final String GREATER = "\u0002";
    private static final String AMPERSAND = "\u0003";

    private StubJavadoc() {
    }

    /** The plain text of every Javadoc comment in the {@code .java} files of {@code packageDir}, in file order. */
    static List<String> ofPackage(Path packageDir) {
        List<String> paragraphs = new ArrayList<>();
        try (Stream<Path> files = Files.list(packageDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                paragraphs.addAll(ofSource(Files.readString(file, StandardCharsets.UTF_8)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paragraphs;
    }

    /** The plain text of every Javadoc comment in {@code source}. */
    static List<String> ofSource(String source) {
        List<String> paragraphs = new ArrayList<>();
        Matcher comment = COMMENT.matcher(source);
        while (comment.find()) {
            paragraphs.add(plainText(comment.group(1)));
        }
        return paragraphs;
    }

    /** One comment's body (between {@code /**} and {@code *}{@code /}) as plain text. */
    static String plainText(String body) {
        StringBuilder lines = new StringBuilder();
        for (String line : body.split("\\R")) {
            lines.append(line.replaceFirst("^\\s*\\*(?!/)", "")).append(' ');
        }
        String text = lines.toString();
        Matcher inline = INLINE.matcher(text);
        StringBuilder shown = new StringBuilder();
        while (inline.find()) {
            inline.appendReplacement(shown, Matcher.quoteReplacement(inlineText(inline.group(1), inline.group(2).strip())));
        }
        inline.appendTail(shown);
        text = TAG.matcher(shown).replaceAll(" ");
        text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        text = text.replace(LESS, "<").replace(GREATER, ">").replace(AMPERSAND, "&");
        return normalized(text);
    }

    /** {@code text} with every run of white space as one space, trimmed. */
    static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static String inlineText(String tag, String content) {
        if (tag.equals("code") || tag.equals("literal")) {
            // code, not HTML: kept as written through the removal of tags and entities
            return content.replace("&", AMPERSAND).replace("<", LESS).replace(">", GREATER);
        }
        int open = content.indexOf('(');
        int space = content.indexOf(' ');
        int referenceEnd = open >= 0 && (space < 0 || open < space) ? content.indexOf(')', open) + 1 : space;
        if (referenceEnd > 0 && referenceEnd < content.length() && !content.substring(referenceEnd).isBlank()) {
            return content.substring(referenceEnd).strip();
        }
        String reference = referenceEnd > 0 ? content.substring(0, referenceEnd) : content;
        String target = reference.contains("#") ? reference.substring(reference.indexOf('#') + 1) : reference;
        target = target.contains("(") ? target.substring(0, target.indexOf('(')) : target;
        return target.substring(target.lastIndexOf('.') + 1);
    }
}
