package kit.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The submission's classes of one task package, imported once for ArchUnit rules.
 *
 * <p>Only the submission's main classes are imported: hidden tests, their helper classes (which sit in
 * the task packages too) and the kit's own classes are left out, so a rule never blames them. They are
 * recognised by where they were loaded from: the same jar or directory as this class.
 */
public final class TaskClasses {

    private static final Map<String, JavaClasses> CACHE = new ConcurrentHashMap<>();
    private static final String KIT_LOCATION = kitLocation();

    private TaskClasses() {
    }

    /** Imports the classes of {@code taskPackage}, e.g. {@code "concurrency.download"}. */
    public static JavaClasses of(String taskPackage) {
        return CACHE.computeIfAbsent(taskPackage, pkg -> new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.asURI().toString().contains(KIT_LOCATION))
                .withImportOption(location -> !location.contains("HiddenTest"))
                .withImportOption(location -> !location.contains("/Demo"))
                .importPackages(pkg));
    }

    private static String kitLocation() {
        try {
            return TaskClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI().getRawPath();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where the hidden tests were loaded from", e);
        }
    }
}
