package dev.rehearse.report;

import dev.rehearse.model.Report;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * report.html in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; .ci/run installs
 * them), rendered from the stored report.json of a real quickstart rehearsal: the page renders, every chart has data
 * points, the console has no errors, and a screenshot is written under target/.
 */
class HtmlReportBrowserTest {

    static final Path CHROMIUM = onPath("chromium", "chromium-browser", "google-chrome");
    static final Path CHROMEDRIVER = onPath("chromedriver");

    /** The first of {@code names} on PATH (Debian's packages put them in /usr/bin), or null. */
    static Path onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
            for (String n : names) {
                Path p = Path.of(dir, n);
                if (Files.isExecutable(p)) return p;
            }
        }
        return null;
    }

    static ChromeDriver driver;
    static Path page;

    @BeforeAll
    static void open() throws Exception {
        assumeTrue(CHROMIUM != null && CHROMEDRIVER != null, "no browser to test report.html in: chromium "
                + (CHROMIUM == null ? "not found" : "at " + CHROMIUM) + ", chromedriver "
                + (CHROMEDRIVER == null ? "not found" : "at " + CHROMEDRIVER)
                + " on PATH (apt-get install chromium chromium-driver; .ci/run does)");
        Report r = JsonReport.read(Path.of("src/test/resources/reports/quickstart/report.json"));
        Path dir = Files.createDirectories(Path.of("target/html-report"));
        page = Files.writeString(dir.resolve("report.html"), HtmlReport.render(r), StandardCharsets.UTF_8);
        System.out.println("report.html: " + page.toAbsolutePath() + " (" + Files.size(page) + " bytes)");

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // as root in a container, and no network beyond the registries: nothing in the background may dial out
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory("rehearse-chromium"),
                "--window-size=1280,1000");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.get(page.toUri().toString());
    }

    @AfterAll
    static void close() {
        if (driver != null) driver.quit();
    }

    @Test
    @SuppressWarnings("unchecked")
    void rendersWithDataPointsInEveryChartAndNoConsoleErrors() throws Exception {
        assertThat(driver.getTitle()).isEqualTo("Migration rehearsal: BLOCK");
        assertThat(driver.findElement(org.openqa.selenium.By.id("verdict")).getText()).startsWith("Migration rehearsal: BLOCK");
        var js = (JavascriptExecutor) driver;
        Map<String, Object> state = (Map<String, Object>) js.executeScript("return window.rehearse;");
        assertThat(state).isNotNull();
        assertThat((List<?>) state.get("errors")).isEmpty();
        Map<String, Long> charts = (Map<String, Long>) state.get("charts");
        assertThat(charts).containsOnlyKeys("chart-throughput", "chart-p99", "chart-waiting", "chart-locks");
        charts.forEach((chart, points) -> assertThat(points).as(chart).isPositive());
        // uPlot drew: one canvas per chart, sized
        Long canvases = (Long) js.executeScript("return document.querySelectorAll('.chart canvas').length;");
        assertThat(canvases).isEqualTo(4);
        assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("#categories tbody tr"))).hasSize(8);
        assertThat(driver.findElements(org.openqa.selenium.By.cssSelector("article.statement"))).hasSize(6);

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).toList();
        assertThat(severe).as("console errors and warnings").isEmpty();
    }

    @Test
    void printsToPdf() throws Exception {
        // the print stylesheet applies; Chromium's own print path, as a reader's "Print" would take it
        org.openqa.selenium.Pdf pdf = driver.print(new org.openqa.selenium.print.PrintOptions());
        byte[] bytes = java.util.Base64.getDecoder().decode(pdf.getContent());
        assertThat(new String(bytes, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Path file = Files.write(Path.of("target/html-report/report.pdf"), bytes);
        System.out.println("printed: " + file.toAbsolutePath() + " (" + bytes.length + " bytes)");
        Boolean printRule = (Boolean) ((JavascriptExecutor) driver).executeScript(
                "return Array.from(document.styleSheets).some(s => Array.from(s.cssRules)"
                        + ".some(r => r.media && r.media.mediaText === 'print'));");
        assertThat(printRule).isTrue();
    }

    @Test
    void screenshot() throws Exception {
        driver.manage().window().setSize(new Dimension(1280, 1000));
        long height = (Long) ((JavascriptExecutor) driver).executeScript("return document.body.scrollHeight;");
        driver.manage().window().setSize(new Dimension(1280, (int) Math.min(height + 40, 6000)));
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        Path file = Files.write(Path.of("target/html-report/report.png"), png);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        System.out.println("screenshot: " + file.toAbsolutePath());
        // the timeline alone, at a size a reader can check the bands and the lock Gantt chart in
        driver.manage().window().setSize(new Dimension(1280, 1000));
        Path timeline = Files.write(Path.of("target/html-report/timeline.png"),
                driver.findElement(org.openqa.selenium.By.id("chart-locks")).getScreenshotAs(OutputType.BYTES));
        System.out.println("screenshot of the lock chart: " + timeline.toAbsolutePath());
    }
}
