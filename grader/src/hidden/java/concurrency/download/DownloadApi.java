package concurrency.download;

import com.tngtech.archunit.core.domain.AccessTarget;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import kit.testing.TaskClasses;

/** What the download package uses to run fetches: an ExecutorService, and no thread of its own. */
final class DownloadApi {

    private DownloadApi() {
    }

    /** Returns the problems found, each as a phrase naming the source line; empty when the API use is right. */
    static List<String> violations() {
        JavaClasses classes = TaskClasses.of("concurrency.download");
        List<String> problems = new ArrayList<>();
        boolean createsExecutor = false;
        for (JavaClass owner : classes) {
            // Accesses include method references (Thread::start), which plain method calls miss.
            for (JavaAccess<?> access : owner.getAccessesFromSelf()) {
                AccessTarget target = access.getTarget();
                JavaClass targetOwner = target.getOwner();
                if (TaskClasses.isAssignableTo(targetOwner, Thread.class) && target.getName().equals("start")) {
                    problems.add(where(access) + " starts a Thread itself");
                }
                if (targetOwner.isEquivalentTo(Executors.class) && target.getName().startsWith("new")) {
                    createsExecutor = true;
                }
                if (target.getName().equals("<init>") && TaskClasses.isAssignableTo(targetOwner, ExecutorService.class)) {
                    createsExecutor = true;
                }
            }
        }
        if (!createsExecutor) {
            problems.add("no ExecutorService is created (no Executors.new…(…) call and no new ThreadPoolExecutor or"
                    + " ForkJoinPool)");
        }
        return problems;
    }

    private static String where(JavaAccess<?> access) {
        return access.getOrigin().getOwner().getSimpleName() + "." + access.getOrigin().getName() + " (line "
                + access.getLineNumber() + ")";
    }
}
