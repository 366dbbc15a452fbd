package concurrency.counter;

/**
 * Finding 7 of the isolation issue: output lines that GitHub's runner would read as workflow commands once it has
 * trimmed the Unicode spaces in front of them (it trims what .NET counts as white space; Java's isWhitespace does
 * not count these), and a legacy command in the middle of a line. The report must show them harmless.
 */
final class Attack {
    static void onLoad() {
        System.out.println("\u00a0::error file=README.md::forged by the submission");
        System.out.println("\u2007::warning::forged by the submission");
        System.out.println("\u202f::add-mask::forged by the submission");
        System.out.println("\u3000::stop-commands::forged");
        System.out.println("progress ##[error]forged by the submission");
    }
}
