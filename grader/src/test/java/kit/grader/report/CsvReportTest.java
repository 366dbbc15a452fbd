package kit.grader.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import kit.grader.model.SubmissionResult;
import kit.grader.model.TaskResult;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CsvReportTest {

    private static SubmissionResult result(String name, double score, String error) {
        return new SubmissionResult(name, "/x/" + name, score, 10,
                List.of(new TaskResult("download", score, 10, List.of(), List.of(), List.of())), List.of(), error, 0);
    }

    @Test
    @DisplayName("names with commas, quotes, line breaks and formula characters survive a round trip through a CSV parser")
    void quotingAndFormulas() throws Exception {
        StringWriter out = new StringWriter();
        new CsvReport().write(List.of("download"), List.of(result("Smith, \"Jo\"", 2.5, ""),
                result("=HYPERLINK(\"x\")", 10, ""), result("bob", 0, "bob: no such directory\nreally")), out);
        assertThat(out.toString()).contains("\r\n").startsWith("submission,download,total,max,note,protected_files_changed,isolation\r\n");
        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString())).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("submission")).isEqualTo("Smith, \"Jo\"");
        assertThat(rows.get(0).get("download")).isEqualTo("2.5");
        assertThat(rows.get(1).get("submission")).isEqualTo("'=HYPERLINK(\"x\")");
        assertThat(rows.get(2).get("note")).isEqualTo("not graded: bob: no such directory\nreally");
    }

    @Test
    @DisplayName("points are written with at most two decimals and no trailing zeros")
    void numbers() {
        assertThat(Numbers.points(10.0)).isEqualTo("10");
        assertThat(Numbers.points(2.5)).isEqualTo("2.5");
        assertThat(Numbers.points(1.3333333)).isEqualTo("1.33");
        assertThat(Numbers.points(0)).isEqualTo("0");
    }
}
