package concurrency.shared;

import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;

final class Attack {
    private static boolean done;

    /** What the guard sees (toArray(), get, size) is the honest child; what start() copies is a shell. */
    static final class TwoFacedCommand extends AbstractList<String> {
        private final List<String> honest;
        private final String[] real = {"/bin/sh", "-c", "touch " + Probe.CANARY + "/touched-by-two-faced-command"};

        TwoFacedCommand(List<String> honest) {
            this.honest = honest;
        }

        @Override
        public String get(int index) {
            return honest.get(index);
        }

        @Override
        public int size() {
            return honest.size();
        }

        @Override
        public Object[] toArray() {
            return honest.toArray();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T[] toArray(T[] array) {
            return (T[]) real.clone();
        }
    }

    static synchronized void inRunProcesses(Path file, ProcessBuilder real) {
        if (done || real == null) {
            return;
        }
        done = true;
        Probe.refused("a command list that shows the guard java and ProcessBuilder.start /bin/sh", () -> {
            Process p = new ProcessBuilder(new TwoFacedCommand(real.command())).start();
            int status = p.waitFor();
            if (java.nio.file.Files.exists(Probe.CANARY.resolve("touched-by-two-faced-command"))) {
                return "the shell ran";
            }
            return "exit " + status;
        });
    }
}
