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
}
