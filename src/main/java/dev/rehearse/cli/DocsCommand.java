package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import dev.rehearse.report.PatternPages;
import dev.rehearse.scenario.ScenarioPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code rehearse docs patterns}: regenerates docs/patterns/ in a rehearse checkout, or with {@code --check} lists the
 * pages that are out of date (exit 1). For maintainers, so hidden from --help.
 */
@Command(name = "docs", hidden = true, description = "Generated documentation (for maintainers).",
        subcommands = DocsCommand.Patterns.class)
final class DocsCommand implements Runnable {

    @Override
    public void run() {
        System.err.println("rehearse docs: a subcommand is required (patterns)");
    }

    @Command(name = "patterns", mixinStandardHelpOptions = true,
            description = "Writes the pattern pages (one per rule, and the index) from the rules, their examples and the scenario pairs.")
    static final class Patterns implements Callable<Integer> {

        @Option(names = "--check", description = "Write nothing; list stale pages and exit 1 when there are any.")
        boolean check;

        @Option(names = "--out", defaultValue = "docs/patterns",
                description = "The pattern directory: holds the rules' examples, receives the pages (default docs/patterns).")
        Path out;

        @Option(names = "--scenarios", defaultValue = "scenarios",
                description = "Where the scenario pairs are, <name>/unsafe.yaml (default scenarios).")
        Path scenarios;

        @Override
        public Integer call() {
            if (!Files.isDirectory(out)) throw new InvalidInputException(out + ": no such directory (run from a rehearse checkout)");
            if (!Files.isDirectory(scenarios)) throw new InvalidInputException(scenarios + ": no such directory (run from a rehearse checkout)");
            PatternPages pages = new PatternPages(out, ScenarioPair.discover(scenarios));
            List<Path> orphans = pages.orphans();
            for (Path p : orphans) System.err.println("rehearse docs: " + p + ": no rule renders this page; remove it");
            if (check) {
                List<Path> stale = pages.stale();
                for (Path p : stale) System.out.println("stale: " + p);
                if (!stale.isEmpty()) System.err.println("rehearse docs: " + stale.size() + " stale page(s); regenerate with " + PatternPages.REGENERATE);
                return stale.isEmpty() && orphans.isEmpty() ? Main.OK : Main.VERDICT;
            }
            List<Path> written = pages.write();
            for (Path p : written) System.out.println("wrote " + p);
            System.out.println(written.isEmpty() ? "pattern pages are current" : written.size() + " page(s) written");
            return orphans.isEmpty() ? Main.OK : Main.VERDICT;
        }
    }
}
