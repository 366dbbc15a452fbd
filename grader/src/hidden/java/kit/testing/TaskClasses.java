package kit.testing;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.core.importer.Locations;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The submission's classes of one task package, imported once for ArchUnit rules.
 *
 * <p>Only the submission's classes are imported: hidden tests, their helper classes (which sit in the task
 * packages too) and the kit's own classes are left out, so a rule never blames them. They are recognised by
 * where they were loaded from — the same jar or directory as this class — never by their names, so a student
 * class called {@code FooHiddenTest} or {@code Demo} is checked like any other.
 *
 * <p>Only the task package's own class files are read: classes it refers to (the JDK's) are not imported
 * ({@code resolveMissingDependenciesFromClassPath=false}), which makes the import several times faster. Such a
 * class is then known by name only, without its supertypes, so rules ask {@link #isAssignableTo} instead of
 * {@link JavaClass#isAssignableTo(Class)}: it looks the missing supertypes up with reflection.
 */
public final class TaskClasses {

    private static final Map<String, JavaClasses> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, Boolean> KIT_CLASS_NAMES = new ConcurrentHashMap<>();
    private static final String KIT_LOCATION = kitLocation();

    private TaskClasses() {
    }

    /** Imports the submission's classes of {@code taskPackage}, e.g. {@code "concurrency.download"}. */
    public static JavaClasses of(String taskPackage) {
        return CACHE.computeIfAbsent(taskPackage, TaskClasses::importSubmission);
    }

    private static JavaClasses importSubmission(String taskPackage) {
        Set<Location> submission = submissionLocations(taskPackage);
        return ArchConfiguration.withThreadLocalScope(configuration -> {
            configuration.setResolveMissingDependenciesFromClassPath(false);
            return new ClassFileImporter().importLocations(submission);
        });
    }

    /**
     * The class path entries' directories of {@code taskPackage} that are not the kit's. Asking the class loader
     * for the package's directory is much faster than ArchUnit's {@link Locations#ofPackage}, which reads every
     * entry of the kit's jar; that is the fallback when the class loader lists no directory (a jar without
     * directory entries).
     */
    private static Set<Location> submissionLocations(String taskPackage) {
        Set<Location> found = new HashSet<>();
        try {
            Enumeration<URL> urls = TaskClasses.class.getClassLoader().getResources(taskPackage.replace('.', '/'));
            while (urls.hasMoreElements()) {
                found.add(Location.of(urls.nextElement()));
            }
        } catch (IOException e) {
            found.clear();
        }
        if (found.isEmpty()) {
            found.addAll(Locations.ofPackage(taskPackage));
        }
        return found.stream().filter(location -> !isKitLocation(location.asURI().toString())).collect(Collectors.toSet());
    }

    /**
     * Whether {@code javaClass} is {@code type} or one of its subtypes. Classes outside the imported package (the
     * JDK's) carry no supertypes here, so for each of them the answer comes from the class itself, loaded
     * without being initialised.
     */
    public static boolean isAssignableTo(JavaClass javaClass, Class<?> type) {
        if (javaClass.isAssignableTo(type)) {
            return true;
        }
        List<JavaClass> hierarchy = new ArrayList<>();
        hierarchy.add(javaClass);
        hierarchy.addAll(javaClass.getAllRawSuperclasses());
        hierarchy.addAll(javaClass.getAllRawInterfaces());
        for (JavaClass member : hierarchy) {
            if (member.getSource().isEmpty()) {
                Optional<Class<?>> loaded = load(member.getName());
                if (loaded.isPresent() && type.isAssignableFrom(loaded.get())) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the class named {@code className} is one of the kit's own (a hidden test or a helper), judged by
     * where it was loaded from. A class that cannot be found counts as the submission's.
     */
    public static boolean isKitClass(String className) {
        return KIT_CLASS_NAMES.computeIfAbsent(className, name -> load(name)
                .map(loaded -> loaded.getProtectionDomain().getCodeSource())
                .map(CodeSource::getLocation)
                .map(url -> {
                    try {
                        return url.toURI().toString().equals(KIT_LOCATION);
                    } catch (URISyntaxException e) {
                        return false;
                    }
                })
                .orElse(false));
    }

    private static Optional<Class<?>> load(String name) {
        try {
            return Optional.of(Class.forName(name, false, TaskClasses.class.getClassLoader()));
        } catch (ClassNotFoundException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** A location URI is the kit's when it is the kit's directory or inside it, or an entry of the kit's jar. */
    private static boolean isKitLocation(String uri) {
        return KIT_LOCATION.endsWith("/") ? uri.startsWith(KIT_LOCATION) : uri.startsWith("jar:" + KIT_LOCATION + "!/");
    }

    private static String kitLocation() {
        try {
            return TaskClasses.class.getProtectionDomain().getCodeSource().getLocation().toURI().toString();
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("cannot tell where the hidden tests were loaded from", e);
        }
    }
}
