package kit.grader.child;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** The test JVM's side of the socket: writes one frame per event and flushes it at once. */
final class Channel {

    private final DataOutputStream out;

    Channel(DataOutputStream out) {
        this.out = out;
    }

    synchronized void hello(String token) throws IOException {
        out.writeByte(Protocol.HELLO);
        Protocol.writeString(out, token);
        out.flush();
    }

    synchronized void plan(String task, List<PlanListener.Unit> units) throws IOException {
        out.writeByte(Protocol.PLAN);
        Protocol.writeString(out, task);
        out.writeInt(units.size());
        for (PlanListener.Unit u : units) {
            Protocol.writeString(out, u.id());
            Protocol.writeString(out, u.classId());
            Protocol.writeString(out, u.className());
            Protocol.writeString(out, u.methodName());
            Protocol.writeString(out, u.displayName());
            out.writeDouble(u.points());
            Protocol.writeString(out, u.kind());
            Protocol.writeString(out, u.problem());
        }
        out.flush();
    }

    synchronized void event(byte type, String id) {
        try {
            out.writeByte(type);
            Protocol.writeString(out, id);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void finish(String id, String status, String message, long millis, String output) {
        try {
            out.writeByte(Protocol.FINISH);
            Protocol.writeString(out, id);
            Protocol.writeString(out, status);
            Protocol.writeString(out, message);
            out.writeLong(millis);
            Protocol.writeString(out, output);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void problem(String task, String message) throws IOException {
        out.writeByte(Protocol.PROBLEM);
        Protocol.writeString(out, task);
        Protocol.writeString(out, message);
        out.flush();
    }

    synchronized void done(String task, boolean threadsLeft) throws IOException {
        out.writeByte(Protocol.DONE);
        Protocol.writeString(out, task);
        out.writeBoolean(threadsLeft);
        out.flush();
    }
}
