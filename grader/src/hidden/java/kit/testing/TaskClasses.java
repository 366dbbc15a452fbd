package kit.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The submission's classes of one task package, imported once for ArchUnit rules.
 *
 * <p>Only the submission's main classes are imported: hidden tests and the kit's own classes are left
 * out, so a rule never blames them.
 */
public final class TaskClasses {

    private static final Map<String, JavaClasses> CACHE = new ConcurrentHashMap<>();

    private TaskClasses() {
    }

    /** Imports the classes of {@code taskPackage}, e.g. {@code "concurrency.download"}. */
    public static JavaClasses of(String taskPackage) {
        return CACHE.computeIfAbsent(taskPackage, pkg -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("HiddenTest"))
                .withImportOption(location -> !location.contains("/Demo"))
                .importPackages(pkg));
    }
}
