package dev.rehearse.report;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;

/** The report formats on the class path, in registration order, and which command offers which. */
public final class ReportFormats {

    /** The formats the contract names (CONTRACT.md); one this build lacks is a missing capability, not a mistake. */
    public static final List<String> CONTRACT = List.of("console", "json", "md", "junit", "sarif", "html", "runbook");

    private static final List<ReportFormat> ALL = ServiceLoader.load(ReportFormat.class,
            ReportFormats.class.getClassLoader()).stream().map(ServiceLoader.Provider::get).toList();

    private ReportFormats() {}

    public static List<ReportFormat> all() {
        return ALL;
    }

    /** The ids a user may name: the contract's, then any plug-in's. */
    public static List<String> names() {
        LinkedHashSet<String> out = new LinkedHashSet<>(CONTRACT);
        ALL.forEach(f -> out.add(f.id()));
        return List.copyOf(out);
    }

    /** The ids {@code command} writes, for help and errors. */
    public static List<String> offeredBy(String command) {
        return ALL.stream().filter(f -> f.commands().contains(command)).map(ReportFormat::id).toList();
    }

    /**
     * The formats for {@code ids}, in registration order.
     *
     * @throws RehearsalFailedException (exit 3) for a format the contract names that this build does not write
     * @throws InvalidInputException for an id nobody names, or one the command does not offer
     */
    public static List<ReportFormat> resolve(Collection<String> ids, String command) {
        List<String> wanted = ids.stream().map(i -> i.trim().toLowerCase(Locale.ROOT)).filter(i -> !i.isEmpty()).toList();
        for (String id : wanted) {
            ReportFormat f = byId(id);
            String offered = String.join(", ", offeredBy(command));
            if (f == null && CONTRACT.contains(id)) {
                throw new RehearsalFailedException("--report " + id + " is not available in this build yet; "
                        + command + " writes " + offered);
            }
            if (f == null || !f.commands().contains(command)) {
                throw new InvalidInputException("--report: '" + id + "'; " + command + " writes " + offered);
            }
        }
        List<ReportFormat> out = new ArrayList<>();
        for (ReportFormat f : ALL) if (wanted.contains(f.id())) out.add(f);
        return out;
    }

    private static ReportFormat byId(String id) {
        return ALL.stream().filter(f -> f.id().equals(id)).findFirst().orElse(null);
    }
}
