package kit.grader;

/** Placeholder entry point of the grader; the grader issue replaces it. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("grader: not built yet");
    }
}
