package concurrency.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import concurrency.testing.NotImplementedYet;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("task:shared-counter")
@ExtendWith(NotImplementedYet.class)
class SharedCounterTest {

    @TempDir
    Path dir;

    @Test
    @DisplayName("A new file reads as 0, and three increments make it 3, stored as 8 big-endian bytes.")
    void incrementAndRead() throws Exception {
        Path file = dir.resolve("counter");
        long before = SharedCounter.read(file);
        assertEquals(0, before, "read of a file that does not exist yet should return 0, but returned " + before
                + ". A missing file holds 0.");
        for (int i = 0; i < 3; i++) {
            SharedCounter.increment(file);
        }
        long after = SharedCounter.read(file);
        assertEquals(3, after, "3 increments of a new file should make read return 3, but it returned " + after
                + ". Read the old value, add one and write it back at offset 0.");
        byte[] expected = ByteBuffer.allocate(Long.BYTES).putLong(3).array();
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(expected, bytes, "3 increments of a new file should leave the 8 bytes 00 00 00 00 00 00 00 03"
                + " in it, but it holds " + bytes.length + " other bytes. Write the long with ByteBuffer.putLong (big-endian).");
    }

    @Test
    @DisplayName("runProcesses(file, 4, 100) with 4 child JVMs counts 400 — the lesson's example.")
    @Timeout(30)
    void fourProcessesCount400() throws Exception {
        Path file = dir.resolve("counter");
        long start = System.nanoTime();
        long total = SharedCounter.runProcesses(file, 4, 100);
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(400, total, "runProcesses(new file, 4 processes, 100 each) should return 400, but returned " + total
                + " after " + millis + " ms. Increments are lost when the read-add-write is not done under channel.lock().");
    }

    @Test
    @DisplayName("runProcesses rejects 0 processes with an IllegalArgumentException.")
    void runProcessesRejectsZeroProcesses() {
        Path file = dir.resolve("counter");
        assertThrows(IllegalArgumentException.class, () -> SharedCounter.runProcesses(file, 0, 100),
                "runProcesses(file, 0 processes, 100) should throw IllegalArgumentException before starting anything,"
                        + " but it did not. Check processes >= 1 first.");
    }
}
