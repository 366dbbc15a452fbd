package kit.grader.model;

import java.util.List;
import java.util.Optional;

/**
 * One task of the kit: its id (as in reports, tags and the config file) and its Java package.
 *
 * @param id the task id, e.g. {@code shared-counter}
 * @param packageName the task's package, e.g. {@code concurrency.shared}
 */
public record Task(String id, String packageName) {

    /** The nine tasks in the contract's order. */
    public static final List<Task> ALL = List.of(
            new Task("download", "concurrency.download"),
            new Task("counter", "concurrency.counter"),
            new Task("pipeline", "concurrency.pipeline"),
            new Task("primes", "concurrency.primes"),
            new Task("shared-counter", "concurrency.shared"),
            new Task("gather", "concurrency.gather"),
            new Task("resource", "concurrency.resource"),
            new Task("iteration", "concurrency.iteration"),
            new Task("choosing", "concurrency.choosing"));

    /** Returns the task with this id. */
    public static Optional<Task> byId(String id) {
        return ALL.stream().filter(t -> t.id.equals(id)).findFirst();
    }

    /** Returns the task whose package is {@code packageName} or encloses it, if any. */
    public static Optional<Task> byPackage(String packageName) {
        return ALL.stream()
                .filter(t -> packageName.equals(t.packageName) || packageName.startsWith(t.packageName + "."))
                .findFirst();
    }

    /** The ids of all tasks, comma-separated, for error messages. */
    public static String knownIds() {
        return String.join(", ", ALL.stream().map(Task::id).toList());
    }

    /** The package's directory relative to a source root, e.g. {@code concurrency/shared}. */
    public String directory() {
        return packageName.replace('.', '/');
    }
}
