package kit.similarity;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The engine's command line: {@code java -jar similarity.jar REQUEST.json}. Reads the request, runs
 * JPlag once per scope and prints the response as JSON on standard output. Exit status 0 when the
 * response was written (even with notes about scopes that could not be compared), 2 for a bad request,
 * 1 for anything else; the reason goes to standard error.
 */
public final class SimilarityMain {

    private SimilarityMain() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        if (args.length != 1) {
            System.err.println("similarity: usage: java -jar similarity.jar REQUEST.json");
            System.exit(2);
        }
        ObjectMapper json = new ObjectMapper();
        SimilarityRequest request;
        try {
            request = json.readValue(new File(args[0]), SimilarityRequest.class);
        } catch (Exception e) {
            System.err.println("similarity: cannot read the request " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            SimilarityResponse response = new JPlagComparer(request.threshold(), request.minimumTokenMatch())
                    .compareAll(request.scopes());
            out.println(json.writeValueAsString(response));
            out.flush();
            System.exit(0);
        } catch (Exception | Error e) {
            System.err.println("similarity: failed: " + e);
            System.exit(1);
        }
    }

    /** Collects notes and pairs over scopes; kept apart from {@code main} for tests. */
    static SimilarityResponse run(SimilarityRequest request) {
        return new JPlagComparer(request.threshold(), request.minimumTokenMatch()).compareAll(request.scopes());
    }
}
