package kit.mutation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConcurrencyOperatorTest {

    private static final String SOURCE = String.join("\n",
            "class C {",
            "    // synchronized in a comment, and \"volatile\" in a string, are not code",
            "    private volatile int x;",
            "    private final java.util.Queue<String> q = new ConcurrentLinkedQueue<>();",
            "    synchronized void a() { synchronized (this) { x++; } }",
            "    void b(java.util.concurrent.atomic.AtomicInteger n) { n.incrementAndGet(); }",
            "    void c() {",
            "        try { work(); } finally {",
            "            lock.unlock();",
            "        }",
            "        pool.shutdownNow();",
            "    }",
            "}");

    private static List<String> mutate(ConcurrencyOperator operator) {
        return operator.edits(SOURCE).stream().map(e -> e.applyTo(SOURCE)).collect(Collectors.toList());
    }

    @Test
    @DisplayName("each operator makes one mutant per place in code, and none in comments or strings")
    void onePerPlace() {
        assertThat(mutate(ConcurrencyOperator.DROP_VOLATILE)).singleElement()
                .satisfies(m -> assertThat(m).contains("private int x;").contains("\"volatile\""));
        assertThat(mutate(ConcurrencyOperator.DROP_SYNCHRONIZED_METHOD)).singleElement()
                .satisfies(m -> assertThat(m).contains("    void a() { synchronized (this)"));
        assertThat(mutate(ConcurrencyOperator.DROP_SYNCHRONIZED_BLOCK)).singleElement()
                .satisfies(m -> assertThat(m).contains("synchronized void a() {  { x++; } }"));
        assertThat(mutate(ConcurrencyOperator.PLAIN_COLLECTION)).singleElement()
                .satisfies(m -> assertThat(m).contains("= new java.util.LinkedList<>();"));
        assertThat(mutate(ConcurrencyOperator.SPLIT_ATOMIC)).singleElement()
                .satisfies(m -> assertThat(m).contains("RacyAtomics.incrementAndGet(n);"));
        assertThat(mutate(ConcurrencyOperator.DROP_RELEASE)).hasSize(2)
                .satisfies(ms -> assertThat(ms.get(0)).contains("finally {\n;\n").contains("pool.shutdownNow();"))
                .satisfies(ms -> assertThat(ms.get(1)).contains("lock.unlock();").doesNotContain("pool.shutdownNow();"));
    }

    private static final String WITH_MAIN = String.join("\n",
            "class W {",
            "    static void helper(int n) { if (n > 0) { work(); } }",
            "    public static void main(String[] args) {",
            "        if (args.length != 2) {",
            "            System.err.println(\"usage: W <file> <times>\");",
            "            System.exit(2);",
            "        }",
            "        for (int i = Integer.parseInt(args[1]); i > 0; i--) {",
            "            increment(args[0]);",
            "        }",
            "    }",
            "}");

    private static List<String> mutateMain(ConcurrencyOperator operator) {
        return operator.edits(WITH_MAIN).stream().map(e -> e.applyTo(WITH_MAIN)).collect(Collectors.toList());
    }

    @Test
    @DisplayName("the MAIN_ operators change main only: each condition negated, each boundary moved, each call dropped")
    void mainOnly() {
        assertThat(mutateMain(ConcurrencyOperator.MAIN_NEGATE_CONDITION)).containsExactly(
                WITH_MAIN.replace("if (args.length != 2)", "if (!(args.length != 2))"),
                WITH_MAIN.replace("; i > 0;", "; !(i > 0);"));
        assertThat(mutateMain(ConcurrencyOperator.MAIN_BOUNDARY)).containsExactly(
                WITH_MAIN.replace("; i > 0;", "; i >= 0;"));
        assertThat(mutateMain(ConcurrencyOperator.MAIN_DROP_CALL)).containsExactly(
                WITH_MAIN.replace("System.err.println(\"usage: W <file> <times>\");", ";"),
                WITH_MAIN.replace("System.exit(2);", ";"),
                WITH_MAIN.replace("increment(args[0]);", ";"));
        assertThat(ConcurrencyOperator.MAIN_DROP_CALL.edits(SOURCE)).as("a class without main").isEmpty();
    }
}
