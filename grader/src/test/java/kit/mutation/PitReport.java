package kit.mutation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import kit.grader.model.Task;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Reads PIT's {@code mutations.xml} into {@link Mutant}s. */
final class PitReport {

    private PitReport() {
    }

    /** The mutants of {@code mutationsXml}, in the order PIT wrote them. */
    static List<Mutant> read(Path mutationsXml) throws IOException {
        if (!Files.isRegularFile(mutationsXml)) {
            throw new IOException("no PIT report at " + mutationsXml + ": run `mvn -B -Pmutation verify` from the kit's root"
                    + " (the solutions module writes it before the grader module reads it)");
        }
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(mutationsXml.toFile());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("cannot read the PIT report " + mutationsXml + ": " + e.getMessage(), e);
        }
        NodeList nodes = document.getElementsByTagName("mutation");
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            mutants.add(toMutant((Element) nodes.item(i)));
        }
        return mutants;
    }

    private static Mutant toMutant(Element mutation) {
        String className = text(mutation, "mutatedClass");
        String outerClass = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        String packageName = outerClass.substring(0, Math.max(0, outerClass.lastIndexOf('.')));
        String task = Task.byPackage(packageName).map(Task::id).orElse(packageName);
        String mutator = text(mutation, "mutator");
        mutator = mutator.substring(mutator.lastIndexOf('.') + 1);
        String key = className + "." + text(mutation, "mutatedMethod") + " | " + mutator + " | "
                + text(mutation, "description");
        int line = Integer.parseInt(text(mutation, "lineNumber"));
        return new Mutant(task, key, line, outcome(mutation.getAttribute("status")));
    }

    private static Mutant.Outcome outcome(String status) {
        switch (status) {
            case "KILLED":
                return Mutant.Outcome.KILLED;
            case "SURVIVED":
                return Mutant.Outcome.SURVIVED;
            case "TIMED_OUT":
                return Mutant.Outcome.TIMED_OUT;
            case "NO_COVERAGE":
                return Mutant.Outcome.NO_COVERAGE;
            default:
                // MEMORY_ERROR, RUN_ERROR, NON_VIABLE: the hidden tests told us nothing about the change.
                return Mutant.Outcome.NOT_RUN;
        }
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? "" : nodes.item(0).getTextContent().trim();
    }
}
