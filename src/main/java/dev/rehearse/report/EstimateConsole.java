package dev.rehearse.report;

import dev.rehearse.model.EstimateReport;
import dev.rehearse.model.EstimateReport.Prediction;
import dev.rehearse.model.EstimateReport.Statement;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.rehearse.model.Quantities.bytes;
import static dev.rehearse.model.Quantities.duration;
import static dev.rehearse.model.Quantities.number;

/** The console's view of {@code estimate.json}: the same figures, one row per statement and target. */
public final class EstimateConsole {

    private EstimateConsole() {}

    public static String render(EstimateReport e) {
        StringBuilder out = new StringBuilder();
        out.append("Estimate: ").append(e.engine().kind()).append(' ').append(e.engine().version()).append(", ")
                .append(e.scales().size()).append(" scales of ").append(e.referenceTable()).append(" (")
                .append(String.join(", ", e.scales().stream().map(s -> number(s)).toList())).append(") × ")
                .append(e.repeat()).append(e.repeat() == 1 ? " run" : " runs").append(", predicted at ")
                .append(String.join(", ", e.targets().stream().map(t -> t.table() + " = " + number(t.rows()) + " rows ("
                        + t.from() + ")").toList())).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"#", "statement", "operation", "model", "R²", "points", "table at target", "duration",
                "95 % interval", "lock hold", "WAL", "status"});
        for (Statement s : e.statements()) {
            String sql = Format.oneLine(s.sql(), 44);
            String r2 = s.fit().r2() == null ? "-" : String.format(Locale.ROOT, "%.3f", s.fit().r2());
            String points = Integer.toString(s.fit().points().size());
            if (s.predictions().isEmpty()) {
                rows.add(new String[]{Integer.toString(s.index()), sql, s.operation(), or(s.model()), r2, points,
                        s.table() == null ? "-" : s.table() + ": no target", "-", "-", "-", "-", "-"});
                continue;
            }
            for (Prediction p : s.predictions()) {
                rows.add(new String[]{Integer.toString(s.index()), sql, s.operation(), or(s.model()), r2, points,
                        p.table() + " " + number(p.rows()), duration(p.durationMs()),
                        p.lowMs() == null ? "-" : duration(p.lowMs()) + " – " + duration(p.highMs()),
                        p.lockHoldMs() == null ? "none" : duration(p.lockHoldMs())
                                + (p.lockHoldHighMs() == null ? "" : " (≤ " + duration(p.lockHoldHighMs()) + ")"),
                        p.walBytes() == null ? "-" : bytes(p.walBytes()), p.status()});
            }
        }
        table(out, rows);
        out.append('\n');
        for (Statement s : e.statements()) {
            out.append('#').append(s.index()).append(' ').append(or(s.modelReason()));
            if (!s.spread().isEmpty()) {
                EstimateReport.Spread top = s.spread().get(s.spread().size() - 1);
                out.append(String.format(Locale.ROOT, "; repeats at %s rows: %s – %s (spread %.0f %%)", number(top.rows()),
                        duration(top.minMs()), duration(top.maxMs()), top.relative() * 100));
            }
            if (s.error() != null) out.append("; failed ").append(s.error());
            out.append('\n');
            for (Prediction p : s.predictions()) {
                for (String w : p.warnings()) {
                    if (!e.warnings().contains(w)) out.append("   ! ").append(w).append('\n'); // said once, below
                }
            }
        }
        out.append("\nMachine: ").append(e.machine().summary());
        if (e.machine().ioMBpsMin() != null) {
            out.append(String.format(Locale.ROOT, "; writes %.0f–%.0f MB/s", e.machine().ioMBpsMin(), e.machine().ioMBpsMax()));
        }
        out.append(".\nAssumes: ").append(e.assumptions().hardware());
        if (e.assumptions().cacheBytes() != null) {
            out.append("; ").append(e.assumptions().cacheSetting()).append(' ').append(bytes(e.assumptions().cacheBytes()));
        }
        e.assumptions().settings().forEach((k, v) -> {
            if (!k.equals(e.assumptions().cacheSetting())) out.append("; ").append(k).append(' ').append(v);
        });
        out.append('\n');
        for (EstimateReport.Calibration c : e.calibrations()) {
            out.append(String.format(Locale.ROOT, "Calibrated on #%d: %s measured at %s rows, %s predicted here: ×%.3g%n",
                    c.statement(), duration(Math.round(c.measuredMs())), number(c.rows()),
                    duration(Math.round(c.predictedMs())), c.factor()));
        }
        for (String w : e.warnings()) out.append("Warning: ").append(w).append('\n');
        return out.toString();
    }

    private static String or(String s) {
        return s == null ? "-" : s;
    }

    private static void table(StringBuilder out, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) for (int i = 0; i < r.length; i++) width[i] = Math.max(width[i], r[i].length());
        for (int n = 0; n < rows.size(); n++) {
            String[] r = rows.get(n);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(r[i]).append(" ".repeat(width[i] - r[i].length())).append(i < r.length - 1 ? "  " : "");
            }
            out.append(line.toString().stripTrailing()).append('\n');
            if (n == 0) {
                int total = 0;
                for (int w : width) total += w + 2;
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
    }
}
