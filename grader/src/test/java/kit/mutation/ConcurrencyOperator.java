package kit.mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The mutants PIT does not make, as source edits of the reference: each operator finds its places in a class's
 * code (comments and string literals are skipped) and makes one mutant per place.
 *
 * <p>Two families. The concurrency mistakes these exercises are about ({@code DROP_*}, {@code PLAIN_COLLECTION},
 * {@code SPLIT_ATOMIC}). And PIT's own kinds of change made inside {@code main} methods ({@code MAIN_*}): a
 * {@code main} runs as the entry point of child JVMs, which load the class from disk, so PIT's in-memory mutants
 * never reach it; as source edits graded by the grader, the child JVMs run them.
 */
enum ConcurrencyOperator {

    /** Drops the {@code synchronized} flag of a method. */
    DROP_SYNCHRONIZED_METHOD("\\bsynchronized\\b(?!\\s*\\()\\s*"),
    /** Turns {@code synchronized (lock) { … }} into a plain block. */
    DROP_SYNCHRONIZED_BLOCK("\\bsynchronized\\s*\\("),
    /** Drops {@code volatile} from a field. */
    DROP_VOLATILE("\\bvolatile\\s+"),
    /** Builds the plain twin of a concurrent collection or queue. */
    PLAIN_COLLECTION("\\bnew\\s+(ConcurrentLinkedQueue|ConcurrentLinkedDeque|ConcurrentHashMap|CopyOnWriteArrayList"
            + "|CopyOnWriteArraySet|ConcurrentSkipListMap|ConcurrentSkipListSet)\\b|\\bConcurrentHashMap\\.newKeySet\\(\\)"
            + "|\\bCollections\\.synchronized(List|Set|Map|Collection)\\("),
    /** Splits an atomic read-modify-write into a read, a pause and a write ({@code RacyAtomics}). */
    SPLIT_ATOMIC("\\b(\\w+)\\.(incrementAndGet|getAndIncrement|decrementAndGet|getAndDecrement|addAndGet|getAndAdd"
            + "|compareAndSet|getAndUpdate|updateAndGet)\\("),
    /** Drops one {@code shutdown}, {@code close}, {@code unlock}, {@code countDown} or {@code release} call. */
    DROP_RELEASE("(?m)^[ \\t]*[\\w.]+\\.(shutdown|shutdownNow|close|unlock|countDown|release)\\(\\);"),
    /** Negates the whole condition of an {@code if}, {@code while} or {@code for} in a {@code main} method. */
    MAIN_NEGATE_CONDITION("\\b(if|while|for)\\s*\\("),
    /** Moves a comparison's boundary ({@code <} and {@code <=}, {@code >} and {@code >=}) in a {@code main} method. */
    MAIN_BOUNDARY(" (<=|>=|<|>) "),
    /** Drops a statement that is one method call ({@code exit}, {@code println}, the work itself) in a {@code main}. */
    MAIN_DROP_CALL("(?m)^[ \\t]*[\\w.]+\\(");

    private static final Map<String, String> PLAIN_TWINS = Map.of(
            "ConcurrentLinkedQueue", "java.util.LinkedList", "ConcurrentLinkedDeque", "java.util.ArrayDeque",
            "ConcurrentHashMap", "java.util.HashMap", "CopyOnWriteArrayList", "java.util.ArrayList",
            "CopyOnWriteArraySet", "java.util.LinkedHashSet", "ConcurrentSkipListMap", "java.util.TreeMap",
            "ConcurrentSkipListSet", "java.util.TreeSet");

    private final Pattern pattern;

    ConcurrencyOperator(String regex) {
        this.pattern = Pattern.compile(regex);
    }

    /** One edit of a source file: replace {@code [start, end)} with {@code replacement}. */
    record Edit(int start, int end, String replacement, String description) {

        /** The source with this edit applied. */
        String applyTo(String source) {
            return source.substring(0, start) + replacement + source.substring(end);
        }
    }

    /** The edits this operator makes in {@code source}, one per place (each is one mutant). */
    List<Edit> edits(String source) {
        String code = JavaCode.maskCommentsAndStrings(source);
        List<Edit> edits = new ArrayList<>();
        Matcher m = pattern.matcher(code);
        if (name().startsWith("MAIN_")) {
            int[] body = JavaCode.mainBody(code);
            if (body == null) {
                return edits;
            }
            m.region(body[0], body[1]);
        }
        while (m.find()) {
            String found = source.substring(m.start(), m.end());
            switch (this) {
                case DROP_SYNCHRONIZED_BLOCK: {
                    int close = JavaCode.closingParenthesis(code, m.end() - 1);
                    edits.add(new Edit(m.start(), close + 1, "", "synchronized block made plain: "
                            + source.substring(m.start(), close + 1)));
                    break;
                }
                case PLAIN_COLLECTION: {
                    String replacement;
                    if (found.startsWith("ConcurrentHashMap.newKeySet")) {
                        replacement = "new java.util.HashSet<>()";
                    } else if (found.startsWith("Collections.synchronized")) {
                        replacement = "java.util.Objects.requireNonNull(";
                    } else {
                        replacement = "new " + PLAIN_TWINS.get(m.group(1));
                    }
                    edits.add(new Edit(m.start(), m.end(), replacement, found + " -> " + replacement));
                    break;
                }
                case SPLIT_ATOMIC:
                    boolean noArguments = m.end() < code.length() && code.charAt(m.end()) == ')';
                    edits.add(new Edit(m.start(), m.end(),
                            "RacyAtomics." + m.group(2) + "(" + m.group(1) + (noArguments ? "" : ", "),
                            m.group(1) + "." + m.group(2) + " split into get and set"));
                    break;
                case DROP_RELEASE:
                    edits.add(new Edit(m.start(), m.end(), ";", "dropped " + found.strip()));
                    break;
                case MAIN_NEGATE_CONDITION: {
                    int open = m.end() - 1;
                    int close = JavaCode.closingParenthesis(code, open);
                    int start = open + 1;
                    int end = close;
                    if (m.group(1).equals("for")) {
                        start = code.indexOf(';', open) + 1;
                        end = code.indexOf(';', start);
                    }
                    String condition = source.substring(start, end).strip();
                    if (condition.isEmpty() || condition.contains(":")) {
                        break;  // for (;;) or an enhanced for: no condition to negate
                    }
                    int from = start + source.substring(start, end).indexOf(condition);
                    edits.add(new Edit(from, from + condition.length(), "!(" + condition + ")",
                            "negated " + m.group(1) + " condition " + condition));
                    break;
                }
                case MAIN_BOUNDARY: {
                    String operator = m.group(1);
                    String moved = operator.length() == 2 ? operator.substring(0, 1) : operator + "=";
                    int lineStart = source.lastIndexOf('\n', m.start()) + 1;
                    int lineEnd = source.indexOf('\n', m.end());
                    edits.add(new Edit(m.start(1), m.end(1), moved, operator + " -> " + moved + " in "
                            + source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd).strip()));
                    break;
                }
                case MAIN_DROP_CALL: {
                    int close = JavaCode.closingParenthesis(code, m.end() - 1);
                    int semicolon = close + 1;
                    while (semicolon < code.length() && Character.isWhitespace(code.charAt(semicolon))) {
                        semicolon++;
                    }
                    if (semicolon < code.length() && code.charAt(semicolon) == ';') {
                        String call = found.strip() + "…)";
                        edits.add(new Edit(m.start() + found.indexOf(found.strip()), semicolon + 1, ";",
                                "dropped " + call));
                    }
                    break;
                }
                default:
                    edits.add(new Edit(m.start(), m.end(), "", "dropped " + found.strip()));
            }
        }
        return edits;
    }
}
