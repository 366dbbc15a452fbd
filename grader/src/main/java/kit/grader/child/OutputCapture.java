package kit.grader.child;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Collects what the code under test prints, up to a cap per test; the rest is counted and dropped, so
 * that printing a gigabyte costs nothing but time.
 */
final class OutputCapture extends OutputStream {

    private final int cap;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private long dropped;

    OutputCapture(int cap) {
        this.cap = cap;
    }

    @Override
    public synchronized void write(int b) {
        if (buffer.size() < cap) {
            buffer.write(b);
        } else {
            dropped++;
        }
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        int room = Math.max(0, Math.min(len, cap - buffer.size()));
        buffer.write(b, off, room);
        dropped += len - room;
    }

    /** Returns what was printed since the last call, and starts again. */
    synchronized String take() {
        String text = buffer.toString(StandardCharsets.UTF_8);
        if (dropped > 0) {
            text += "\n… (" + dropped + " more bytes of output were dropped)";
        }
        buffer.reset();
        dropped = 0;
        return text;
    }
}
