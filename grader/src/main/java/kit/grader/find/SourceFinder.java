package kit.grader.find;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import kit.grader.model.Task;
import kit.grader.protect.ProtectedChange;
import kit.grader.protect.ProtectedFileCheck;
import kit.grader.protect.ProtectedFilesNote;
import kit.grader.protect.TemplateFiles;

/**
 * Finds a submission's Java sources: {@code <dir>/src/main/java}, or the same under {@code <dir>/exercises}
 * or {@code <dir>/solutions}. Keeps the files of task packages, decodes them (UTF-8, else ISO-8859-1) and
 * notes everything it left out.
 *
 * <p>Only {@code .java} files whose declared package is a task package are kept: a file in
 * {@code concurrency/download/} that declares {@code package org.junit.jupiter.api;} is left out (so it can
 * never stand in for a library or grader class), and resources, service files ({@code META-INF/services}),
 * {@code junit-platform.properties} and build files are never read. It also compares the project's
 * protected files with the template's ({@link ProtectedFileCheck}) and notes what differs.
 */
public final class SourceFinder {

    /** Largest accepted source file. */
    public static final long MAX_FILE_BYTES = 1_000_000;
    /** Largest accepted total of all source files. */
    public static final long MAX_TOTAL_BYTES = 5_000_000;
    /** Most accepted Java files. */
    public static final int MAX_FILES = 500;

    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\p{L}_$][\\p{L}\\p{N}_$.]*)\\s*;",
            Pattern.MULTILINE);
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("//[^\\n]*");

    private final ProtectedFileCheck protectedFiles;

    /** A finder that compares protected files with the template packaged with the grader. */
    public SourceFinder() {
        this(new ProtectedFileCheck(TemplateFiles.packaged()));
    }

    /** A finder that compares protected files with the given check's template. */
    public SourceFinder(ProtectedFileCheck protectedFiles) {
        this.protectedFiles = protectedFiles;
    }

    /** Reads the submission in {@code dir}. */
    public Submission find(Path dir) throws BadSubmissionException {
        String shown = dir.toString();
        if (!Files.exists(dir)) {
            throw new BadSubmissionException(shown + ": no such directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadSubmissionException(shown + ": not a directory (give the submission's folder)");
        }
        if (!Files.isReadable(dir)) {
            throw new BadSubmissionException(shown + ": cannot be read (permission denied)");
        }
        Path root = sourceRoot(dir);
        List<Path> files = javaFiles(dir, root);
        List<SourceFile> sources = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            String relative = slashes(dir.relativize(file));
            long size = size(file, shown);
            if (size > MAX_FILE_BYTES) {
                throw new BadSubmissionException(shown + ": " + relative + " is " + size
                        + " bytes; source files over " + MAX_FILE_BYTES + " bytes are not graded");
            }
            total += size;
            if (total > MAX_TOTAL_BYTES) {
                throw new BadSubmissionException(shown + ": the sources add up to more than " + MAX_TOTAL_BYTES
                        + " bytes; that is not a solution to these exercises");
            }
            String content = decode(file, relative, shown, notes);
            String pkg = packageOf(content);
            Optional<Task> task = Task.byPackage(pkg);
            if (task.isEmpty()) {
                leftOut.add(relative + (pkg.isEmpty() ? " (no package)" : " (package " + pkg + ")"));
                continue;
            }
            sources.add(new SourceFile(relative, pkg, task.get().id(), content));
        }
        if (!leftOut.isEmpty()) {
            notes.add(0, "Left out " + leftOut.size() + (leftOut.size() == 1 ? " file" : " files")
                    + " outside the task packages (only concurrency.<task> packages are graded): "
                    + String.join(", ", leftOut));
        }
        if (sources.isEmpty()) {
            throw new BadSubmissionException(shown + ": no Java sources in the task packages under "
                    + slashes(dir.relativize(root)) + "/concurrency/");
        }
        List<ProtectedChange> changes = protectedChanges(projectRoot(root), notes);
        if (!changes.isEmpty()) {
            notes.add(ProtectedFilesNote.of(changes));
        }
        return new Submission(nameOf(dir), dir, root, sources, notes, changes);
    }

    /** The project directory holding {@code src/main/java} (the submission, or its exercises/ or solutions/). */
    static Path projectRoot(Path sourceRoot) {
        return sourceRoot.getParent().getParent().getParent();
    }

    private List<ProtectedChange> protectedChanges(Path project, List<String> notes) {
        try {
            return protectedFiles.check(project);
        } catch (IOException | RuntimeException e) {
            notes.add("The build file, tests and workflows could not be compared with the template's: "
                    + rootMessage(e));
            return List.of();
        }
    }

    /** The name reports use for the submission in {@code dir}: its directory's name. */
    public static String nameOf(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        Path name = absolute.getFileName();
        return name == null ? absolute.toString() : name.toString();
    }

    private static Path sourceRoot(Path dir) throws BadSubmissionException {
        Path own = dir.resolve("src/main/java");
        if (Files.isDirectory(own.resolve("concurrency"))) {
            return own;
        }
        Path exercises = dir.resolve("exercises/src/main/java");
        Path solutions = dir.resolve("solutions/src/main/java");
        boolean hasExercises = Files.isDirectory(exercises.resolve("concurrency"));
        boolean hasSolutions = Files.isDirectory(solutions.resolve("concurrency"));
        if (hasExercises && hasSolutions) {
            throw new BadSubmissionException(dir + ": holds both exercises/ and solutions/; grade one of them, e.g. "
                    + dir.resolve("solutions"));
        }
        if (hasExercises) {
            return exercises;
        }
        if (hasSolutions) {
            return solutions;
        }
        if (Files.isDirectory(own)) {
            return own;
        }
        throw new BadSubmissionException(dir + ": no src/main/java/concurrency/ folder (nor under exercises/ or "
                + "solutions/); is this a submission of the concurrency exercises?");
    }

    private static List<Path> javaFiles(Path dir, Path root) throws BadSubmissionException {
        try (Stream<Path> walk = Files.walk(root)) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .limit(MAX_FILES + 1L)
                    .toList();
            if (files.size() > MAX_FILES) {
                throw new BadSubmissionException(dir + ": more than " + MAX_FILES + " Java files under "
                        + slashes(dir.relativize(root)));
            }
            return files;
        } catch (IOException | UncheckedIOException e) {
            throw new BadSubmissionException(dir + ": cannot be read: " + rootMessage(e));
        }
    }

    private static long size(Path file, String shown) throws BadSubmissionException {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new BadSubmissionException(shown + ": " + file.getFileName() + " cannot be read: " + rootMessage(e));
        }
    }

    private static String decode(Path file, String relative, String shown, List<String> notes)
            throws BadSubmissionException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new BadSubmissionException(shown + ": " + relative + " cannot be read: " + rootMessage(e));
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            text = new String(bytes, StandardCharsets.ISO_8859_1);
            notes.add(relative + " is not valid UTF-8; it was read as ISO-8859-1 (save it as UTF-8 to be sure "
                    + "its accents and symbols are right)");
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The package a source declares, or {@code ""}. */
    static String packageOf(String content) {
        String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(content).replaceAll(" ")).replaceAll(" ");
        Matcher m = PACKAGE.matcher(code);
        return m.find() ? m.group(1) : "";
    }

    private static String slashes(Path path) {
        return path.toString().replace('\\', '/');
    }

    private static String rootMessage(Exception e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
