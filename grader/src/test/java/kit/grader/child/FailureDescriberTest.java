package kit.grader.child;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FailureDescriberTest {

    private static <T extends Throwable> T at(T t, String className, String method, int line) {
        t.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(className, method, className.substring(className.lastIndexOf('.') + 1) + ".java", line),
            new StackTraceElement("concurrency.download.DownloaderHiddenTest", "test", "DownloaderHiddenTest.java", 10),
            new StackTraceElement("org.junit.platform.commons.util.ReflectionUtils", "invokeMethod", "ReflectionUtils.java", 1)});
        return t;
    }

    @Test
    @DisplayName("a stub's TODO anywhere in the causes is 'not implemented yet' naming the method or constructor")
    void notImplemented() {
        var todo = at(new UnsupportedOperationException("TODO: use an executor"), "concurrency.download.Downloader",
                "downloadAll", 42);
        var d = FailureDescriber.describe(new ExecutionException(new RuntimeException(todo)));
        assertThat(d.status()).isEqualTo("not-implemented");
        assertThat(d.message()).isEqualTo("Downloader.downloadAll is not implemented yet");
        var ctor = at(new UnsupportedOperationException("TODO: x"), "concurrency.counter.LockedCounter", "<init>", 3);
        assertThat(FailureDescriber.describe(ctor).message()).isEqualTo("the LockedCounter constructor is not implemented yet");
        var described = FailureDescriber.describe(new AssertionError(
                "downloadAll(3 urls, maxWorkers 0) should throw IAE, but it threw java.lang.UnsupportedOperationException: TODO: x"));
        assertThat(described.status()).isEqualTo("not-implemented");
        assertThat(described.message()).isEqualTo("downloadAll(3 urls, maxWorkers 0) is not implemented yet");
    }

    @Test
    @DisplayName("an assertion keeps its own message; another exception names itself and the first student frame")
    void failedAndError() {
        var failed = FailureDescriber.describe(new AssertionError("4 threads should count 400000, but 399000."));
        assertThat(failed.status()).isEqualTo("failed");
        assertThat(failed.message()).isEqualTo("4 threads should count 400000, but 399000.");
        var error = FailureDescriber.describe(new ExecutionException(
                at(new IllegalStateException("boom"), "concurrency.download.Downloader", "downloadAll", 42)));
        assertThat(error.status()).isEqualTo("error");
        assertThat(error.message()).isEqualTo("IllegalStateException: boom (at Downloader.downloadAll:42)")
                .doesNotContain("junit").doesNotContain("HiddenTest");
        var linkage = FailureDescriber.describe(new NoSuchMethodError("'java.util.List concurrency.download.Downloader.downloadAll()'"));
        assertThat(linkage.message()).startsWith("the submission does not match the contract: NoSuchMethodError");
        var timeout = FailureDescriber.describe(new java.util.concurrent.TimeoutException("run() timed out after 2 seconds"));
        assertThat(timeout.status()).isEqualTo("timeout");
    }

    @Test
    @DisplayName("an assertAll with several failures shows every one of them, one line each, without JUnit's suffixes")
    void everyFailureOfAnAssertAll() {
        Throwable all = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> org.junit.jupiter.api.Assertions.assertAll("run with bad input",
                        () -> org.junit.jupiter.api.Assertions.assertTrue(false, "run(0 consumers) should throw, but returned"),
                        () -> { },
                        () -> org.junit.jupiter.api.Assertions.fail("run([[a], null]) should throw, but returned")));
        var d = FailureDescriber.describe(all);
        assertThat(d.status()).isEqualTo("failed");
        assertThat(d.message()).isEqualTo("2 checks failed:\n- run(0 consumers) should throw, but returned"
                + "\n- run([[a], null]) should throw, but returned");
    }
}
