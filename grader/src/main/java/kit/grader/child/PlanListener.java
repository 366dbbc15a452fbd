package kit.grader.child;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kit.testing.Graded;
import kit.testing.Hints;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Finds the graded units of a test plan — each test method, including a parameterized or repeated one as a
 * whole — and reports each unit's start and result over the {@link Channel}.
 */
final class PlanListener implements TestExecutionListener {

    /** One graded test as the plan declares it. */
    record Unit(String id, String classId, String className, String methodName, String displayName,
            double points, String kind, String problem) {
    }

    private final TestPlan plan;
    private final Channel channel;
    private final OutputCapture capture;
    private final Map<String, Unit> units = new LinkedHashMap<>();
    private final Map<String, Long> started = new HashMap<>();
    private final Map<String, Throwable> firstChildFailure = new HashMap<>();
    private final Map<String, Boolean> finished = new HashMap<>();

    PlanListener(TestPlan plan, Channel channel, OutputCapture capture) {
        this.plan = plan;
        this.channel = channel;
        this.capture = capture;
        for (TestIdentifier root : plan.getRoots()) {
            collect(root);
        }
    }

    List<Unit> units() {
        return new ArrayList<>(units.values());
    }

    private void collect(TestIdentifier id) {
        if (id.getSource().orElse(null) instanceof MethodSource source) {
            units.put(id.getUniqueId(), unit(id, source));
            return;
        }
        for (TestIdentifier child : plan.getChildren(id)) {
            collect(child);
        }
    }

    private Unit unit(TestIdentifier id, MethodSource source) {
        String classId = plan.getParent(id).map(TestIdentifier::getUniqueId).orElse("");
        double points = 0;
        String kind = "correctness";
        String problem = "";
        try {
            Method method = source.getJavaMethod();
            Graded graded = method.getAnnotation(Graded.class);
            if (graded == null) {
                problem = "the hidden test has no @Graded annotation";
            } else {
                points = graded.points();
                kind = graded.kind().reportName();
            }
        } catch (RuntimeException | LinkageError e) {
            problem = "the hidden test's method cannot be read: " + e;
        }
        return new Unit(id.getUniqueId(), classId, source.getClassName(), source.getMethodName(),
                id.getDisplayName(), points, kind, problem);
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        String key = id.getUniqueId();
        if (units.containsKey(key)) {
            capture.take();
            Hints.take(); // hints of an earlier test that did not end normally belong to no one
            started.put(key, System.nanoTime());
            channel.event(Protocol.START, key);
            return;
        }
        Optional<String> unit = unitAbove(id);
        if (unit.isPresent()) {
            channel.event(Protocol.TICK, unit.get());
        } else if (id.getSource().orElse(null) instanceof ClassSource) {
            channel.event(Protocol.CLASS_START, key);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        String key = id.getUniqueId();
        if (units.containsKey(key)) {
            Throwable failure = result.getThrowable().orElse(null);
            if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                failure = firstChildFailure.get(key);
            } else if (failure == null) {
                failure = new AssertionError("the test did not pass (" + result.getStatus() + ")");
            }
            report(key, failure);
            return;
        }
        Optional<String> unit = unitAbove(id);
        if (unit.isPresent()) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                firstChildFailure.putIfAbsent(unit.get(), result.getThrowable()
                        .orElse(new AssertionError(id.getDisplayName() + " did not pass")));
            }
            return;
        }
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            Throwable failure = result.getThrowable().orElse(new AssertionError("the test class failed"));
            for (TestIdentifier below : plan.getDescendants(id)) {
                if (units.containsKey(below.getUniqueId()) && !finished.containsKey(below.getUniqueId())) {
                    report(below.getUniqueId(), failure);
                }
            }
        }
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        List<String> keys = new ArrayList<>();
        if (units.containsKey(id.getUniqueId())) {
            keys.add(id.getUniqueId());
        }
        for (TestIdentifier below : plan.getDescendants(id)) {
            if (units.containsKey(below.getUniqueId())) {
                keys.add(below.getUniqueId());
            }
        }
        for (String key : keys) {
            if (!finished.containsKey(key)) {
                finished.put(key, true);
                channel.finish(key, "error", "the test was skipped: " + reason, 0, "");
            }
        }
    }

    /** Reports every unit that neither ran nor was reported, e.g. when its class could not be set up. */
    void finishUnreported() {
        for (String key : units.keySet()) {
            if (!finished.containsKey(key)) {
                finished.put(key, true);
                channel.finish(key, "error", "the test did not run", 0, "");
            }
        }
    }

    private void report(String key, Throwable failure) {
        Long start = started.get(key);
        long millis = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        String status = "passed";
        String message = "";
        if (failure != null) {
            FailureDescriber.Description d = FailureDescriber.describe(failure);
            status = d.status();
            message = d.message();
        }
        for (String hint : Hints.take()) {
            message += (message.isEmpty() ? "" : "\n") + "Hint (not graded): " + hint;
        }
        finished.put(key, true);
        channel.finish(key, status, message, millis, capture.take());
    }

    @SuppressWarnings("deprecation")
    private Optional<String> unitAbove(TestIdentifier id) {
        Optional<String> parent = id.getParentId();
        while (parent.isPresent()) {
            if (units.containsKey(parent.get())) {
                return parent;
            }
            try {
                parent = plan.getTestIdentifier(parent.get()).getParentId();
            } catch (RuntimeException notInPlan) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
