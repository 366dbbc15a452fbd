package kit.grader.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import kit.grader.model.Status;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import kit.grader.model.TestResult;

/**
 * JUnit XML (the Ant/Surefire format CI systems read): one {@code TEST-<task>.xml} per task, a
 * {@code testcase} per hidden test; failed → {@code failure}, error/timeout/not-compiled → {@code error},
 * not implemented → {@code failure} of type {@code not-implemented}.
 */
public final class JUnitXmlReport {

    /** Writes one file per task of {@code result} into {@code dir}. */
    public void write(SubmissionResult result, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (TaskResult task : result.tasks()) {
            Path file = dir.resolve("TEST-" + task.id() + ".xml");
            AtomicFiles.writeBytes(file, out -> {
                try {
                    writeSuite(result, task, out);
                } catch (XMLStreamException e) {
                    throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
                }
            });
        }
    }

    private void writeSuite(SubmissionResult result, TaskResult task, OutputStream stream)
            throws XMLStreamException {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
        long failures = task.tests().stream().filter(t -> !t.passed() && !isError(t.status())).count();
        long errors = task.tests().stream().filter(t -> isError(t.status())).count();
        long millis = task.tests().stream().mapToLong(TestResult::durationMillis).sum();
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", result.name() + "." + task.id());
        xml.writeAttribute("tests", Integer.toString(task.tests().size()));
        xml.writeAttribute("failures", Long.toString(failures));
        xml.writeAttribute("errors", Long.toString(errors));
        xml.writeAttribute("skipped", "0");
        xml.writeAttribute("time", seconds(millis));
        xml.writeCharacters("\n");
        xml.writeStartElement("properties");
        property(xml, "score", Numbers.points(task.score()));
        property(xml, "maxScore", Numbers.points(task.maxScore()));
        xml.writeEndElement();
        xml.writeCharacters("\n");
        for (TestResult test : task.tests()) {
            xml.writeStartElement("testcase");
            xml.writeAttribute("classname", "concurrency." + task.id());
            xml.writeAttribute("name", clean(test.name()));
            xml.writeAttribute("time", seconds(test.durationMillis()));
            if (!test.passed()) {
                xml.writeStartElement(isError(test.status()) ? "error" : "failure");
                xml.writeAttribute("type", test.status().label());
                String message = test.message();
                if (!task.compileErrors().isEmpty()) {
                    message = "does not compile: " + task.compileErrors().get(0).describe();
                }
                xml.writeAttribute("message", clean(message));
                xml.writeCharacters(clean(message));
                xml.writeEndElement();
            }
            if (!test.output().isEmpty()) {
                xml.writeStartElement("system-out");
                xml.writeCharacters(clean(test.output()));
                xml.writeEndElement();
            }
            xml.writeEndElement();
            xml.writeCharacters("\n");
        }
        xml.writeEndElement();
        xml.writeCharacters("\n");
        xml.writeEndDocument();
        xml.flush();
        xml.close();
    }

    private static void property(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeEmptyElement("property");
        xml.writeAttribute("name", name);
        xml.writeAttribute("value", value);
    }

    private static boolean isError(Status status) {
        return status == Status.ERROR || status == Status.TIMEOUT || status == Status.NOT_COMPILED;
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }

    /** Drops characters XML 1.0 cannot hold (control characters a test may have printed). */
    static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            boolean ok = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            b.appendCodePoint(ok ? c : '?');
        });
        return b.toString();
    }
}
