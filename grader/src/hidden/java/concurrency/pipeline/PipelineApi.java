package concurrency.pipeline;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import kit.testing.TaskClasses;

/** Which queues the pipeline package creates: run's queue must be bounded by {@code capacity}. */
final class PipelineApi {

    private PipelineApi() {
    }

    /** Returns the problems found, each naming the source line; empty when a bounded queue is the only kind made. */
    static List<String> queueProblems() {
        List<String> problems = new ArrayList<>();
        boolean bounded = false;
        for (JavaClass owner : TaskClasses.of("concurrency.pipeline")) {
            for (JavaConstructorCall call : owner.getConstructorCallsFromSelf()) {
                JavaClass queue = call.getTargetOwner();
                if (!TaskClasses.isAssignableTo(queue, BlockingQueue.class)) {
                    continue;
                }
                List<JavaClass> parameters = call.getTarget().getRawParameterTypes();
                boolean withCapacity = !parameters.isEmpty() && parameters.get(0).getName().equals("int")
                        && !queue.getName().equals("java.util.concurrent.PriorityBlockingQueue");
                if (withCapacity) {
                    bounded = true;
                } else {
                    problems.add(owner.getSimpleName() + "." + call.getOrigin().getName() + " (line "
                            + call.getLineNumber() + ") creates a " + queue.getSimpleName() + " without a capacity");
                }
            }
        }
        if (!bounded && problems.isEmpty()) {
            problems.add("no BlockingQueue is created with a capacity");
        }
        return problems;
    }
}
