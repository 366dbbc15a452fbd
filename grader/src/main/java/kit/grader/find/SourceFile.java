package kit.grader.find;

/**
 * One Java source file of a submission, already decoded.
 *
 * @param path the file, relative to the submission directory, with {@code /} separators
 * @param packageName its declared package ({@code ""} for none)
 * @param task the task id its package belongs to
 * @param content the source text
 */
public record SourceFile(String path, String packageName, String task, String content) {

    /** The name of the top-level class the file is named after, e.g. {@code Downloader}. */
    public String simpleName() {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return file.endsWith(".java") ? file.substring(0, file.length() - 5) : file;
    }
}
