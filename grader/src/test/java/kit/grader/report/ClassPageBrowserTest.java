package kit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kit.grader.model.SubmissionResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the class page of a class of 30 in a real browser (Debian's {@code chromium}, headless) and checks what
 * an instructor would see: the page loads without a single console message (errors, blocked requests and
 * script exceptions all show there), makes no network request (the browser's only way out is a proxy on
 * 127.0.0.1 that records every connection), and the rendered table shows the CSV's numbers, cell for cell.
 * Takes a screenshot (target/class-page.png; with {@code -Dclasspage.screenshot=PATH} also copied there, which
 * is how docs/class-page.png was made).
 *
 * <p>With {@code CI=true} a missing chromium fails the test (CI installs it: see .ci/run); elsewhere the test
 * is skipped with a message saying how to install it.
 */
class ClassPageBrowserTest {

    private static final Pattern CONSOLE = Pattern.compile(":CONSOLE[:(]");

    /**
     * Chromium's own background traffic (clock, component updates, account check), which every fresh profile
     * sends whatever page it opens; a page's request to these hosts would also be caught by the page's
     * Content-Security-Policy (default-src 'none'), which reports the blocked request on the console.
     */
    private static final Pattern BROWSER_SERVICES = Pattern.compile(
            "^(GET|POST|CONNECT) (http://)?(clients\\d*\\.google\\.com|update\\.googleapis\\.com|accounts\\.google\\.com)[:/]");

    @TempDir
    Path dir;

    @Test
    @DisplayName("the class page in headless chromium: no console message, no request, the CSV's numbers on screen")
    void pageInBrowser() throws Exception {
        Path chromium = chromium();
        List<SubmissionResult> results = SyntheticClass.of(30, 13);
        Path html = dir.resolve("class.html");
        StringWriter csv = new StringWriter();
        new CsvReport().write(SyntheticClass.TASKS, results, csv);
        try (Writer w = Files.newBufferedWriter(html, StandardCharsets.UTF_8)) {
            new HtmlReport().write(results, SyntheticClass.TASKS, null, w);
        }

        try (RequestRecorder proxy = new RequestRecorder()) {
            Browser dom = run(chromium, proxy, html, "--dump-dom");
            Path png = Path.of("target", "class-page.png").toAbsolutePath();
            Files.deleteIfExists(png);
            Browser shot = run(chromium, proxy, html, "--hide-scrollbars", "--window-size=1280,1500",
                    "--screenshot=" + png);

            for (Browser b : List.of(dom, shot)) {
                List<String> console = b.stderr.lines().filter(l -> CONSOLE.matcher(l).find()).toList();
                assertThat(console).as("console messages while loading %s (chromium's stderr: %s)", html, b.stderrFile)
                        .isEmpty();
            }
            assertThat(proxy.requests().stream().filter(r -> !BROWSER_SERVICES.matcher(r).find()).toList())
                    .as("requests the page made (it must need nothing outside the file)").isEmpty();
            assertThat(dom.stdout).as("links or sources that point off the page")
                    .doesNotContainPattern("(src|href|action)=\"(https?:)?//");
            assertThat(png).as("chromium's screenshot (stderr: %s)", shot.stderrFile).isNotEmptyFile();
            String target = System.getProperty("classpage.screenshot");
            if (target != null && !target.isBlank()) {
                Files.copy(png, Path.of(target), StandardCopyOption.REPLACE_EXISTING);
            }
            assertNumbersMatch(dom.stdout, csv.toString());
        }
    }

    /** Every submission's row in the rendered page shows the CSV's task points and total; the mean agrees too. */
    private static void assertNumbersMatch(String dom, String csv) throws IOException {
        assertThat(dom).as("the page as chromium rendered it").contains("</html>");
        Map<String, Map<String, String>> shown = new HashMap<>();
        Matcher row = Pattern.compile("<tr data-submission=\"([^\"]*)\">(.*?)</tr>", Pattern.DOTALL).matcher(dom);
        while (row.find()) {
            Map<String, String> cells = new HashMap<>();
            Matcher cell = Pattern.compile("<td class=\"num\" data-col=\"([^\"]+)\">([^<]*)</td>").matcher(row.group(2));
            while (cell.find()) {
                cells.put(cell.group(1), unescape(cell.group(2)).strip());
            }
            shown.put(unescape(row.group(1)), cells);
        }
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        assertThat(shown).as("submission rows on the page").hasSize(rows.size());
        double sum = 0;
        for (CSVRecord r : rows) {
            Map<String, String> cells = shown.get(r.get("submission"));
            assertThat(cells).as("row of %s on the page", r.get("submission")).isNotNull();
            for (String task : SyntheticClass.TASKS) {
                assertThat(cells.get(task)).as("%s's %s points on the page vs the CSV", r.get("submission"), task)
                        .isEqualTo(r.get(task));
            }
            assertThat(cells.get("total")).as("%s's total on the page vs the CSV", r.get("submission"))
                    .isEqualTo(r.get("total"));
            assertThat(cells.get("protected_files_changed")).isEqualTo(r.get("protected_files_changed"));
            sum += Double.parseDouble(r.get("total"));
        }
        Matcher mean = Pattern.compile("<tr data-key=\"mean\"><th scope=\"row\">Mean</th><td class=\"num\">([^<]*)</td>")
                .matcher(dom);
        assertThat(mean.find()).as("the mean in the page's summary").isTrue();
        assertThat(mean.group(1)).as("mean on the page vs the mean of the CSV's totals")
                .isEqualTo(Numbers.points(sum / rows.size()));
    }

    private static String unescape(String s) {
        return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
    }

    private record Browser(String stdout, String stderr, Path stderrFile) {
    }

    private Browser run(Path chromium, RequestRecorder proxy, Path html, String... extra) throws Exception {
        Path profile = Files.createTempDirectory(dir, "profile");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--disable-gpu",
                "--no-sandbox", "--no-first-run", "--disable-extensions", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-pings", "--disable-default-apps", "--user-data-dir=" + profile,
                "--enable-logging=stderr", "--v=0",
                "--proxy-server=http://127.0.0.1:" + proxy.port(), "--proxy-bypass-list=<-loopback>"));
        command.addAll(List.of(extra));
        command.add(html.toUri().toString());
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("chromium did not finish within 120 s: " + command + " (stderr: " + err + ")");
        }
        return new Browser(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                err);
    }

    private static Path chromium() {
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(d, name);
                if (!d.isEmpty() && Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        String message = "chromium is not installed (Debian/Ubuntu: sudo apt-get install -y chromium); "
                + "the class page's browser test needs it";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message + " — CI must install it (.ci/run does)");
        }
        Assumptions.abort(message + "; skipped outside CI");
        return null;
    }

    /**
     * A proxy that never answers: it only records the first line of every connection (e.g. {@code CONNECT
     * example.com:443}) and closes it. The browser is told to send every request through it.
     */
    private static final class RequestRecorder implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
        private final Thread acceptor = new Thread(this::accept, "request-recorder");

        RequestRecorder() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        List<String> requests() {
            return List.copyOf(requests);
        }

        private void accept() {
            while (!socket.isClosed()) {
                try (Socket s = socket.accept()) {
                    s.setSoTimeout(2000);
                    InputStream in = s.getInputStream();
                    StringBuilder line = new StringBuilder();
                    int c;
                    while ((c = in.read()) >= 0 && c != '\n' && line.length() < 500) {
                        line.append((char) c);
                    }
                    requests.add(line.toString().strip());
                } catch (IOException e) {
                    if (!socket.isClosed()) {
                        requests.add("(a connection that failed: " + e + ")");
                    }
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
