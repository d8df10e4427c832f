package dev.rehearse.cli;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.List;

/**
 * {@code rehearse}: the command-line entry point. Maps every way a run can end to the documented exit
 * codes in one place.
 */
@Command(name = "rehearse", mixinStandardHelpOptions = true, versionProvider = Main.VersionProvider.class,
        description = "Rehearses database migrations on a real, live database before they ship.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:the verdict is below --fail-on",
                "1:the verdict reached --fail-on (FLAG or BLOCK); drift: the schema drifted",
                "2:invalid input: bad flags, unreadable or invalid scenario, profile or migration source",
                "3:the rehearsal could not run: no database could be started or reached, or it failed"})
public final class Main implements Runnable {

    public static final int OK = 0;
    public static final int VERDICT = 1;
    public static final int INVALID_INPUT = 2;
    public static final int FAILED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // The report uses a few non-ASCII characters; Java 17 would print them as '?' under a C locale.
        System.setOut(new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                java.nio.charset.StandardCharsets.UTF_8));
        int code = execute(args);
        System.out.flush();
        System.exit(code);
    }

    /** The subcommands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(RunCommand.class, MatrixCommand.class, EstimateCommand.class,
            LintCommand.class, FixCommand.class, ProfileCommand.class, DoctorCommand.class, ReportCommand.class, DriftCommand.class,
            BenchCommand.class, DocsCommand.class, CommandLine.HelpCommand.class);

    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        // picocli reads every registered command's options by reflection when it is registered (~0.3 s of CPU for all
        // of them under the client compiler): a command line that names its command registers that one alone; help,
        // a typo, or no command at all registers them all, so usage, suggestions and errors stay what they were
        String first = args.length == 0 ? null : args[0];
        Class<?> named = COMMANDS.stream().filter(c -> c != CommandLine.HelpCommand.class
                && c.getAnnotation(Command.class).name().equals(first)).findFirst().orElse(null);
        boolean versionOnly = args.length == 1 && (first.equals("--version") || first.equals("-V"));
        if (named != null) {
            cli.addSubcommand(named);
        } else if (!versionOnly) {
            COMMANDS.forEach(cli::addSubcommand);
        }
        // A mistyped flag is one line and where to look, not the whole usage (which buried the error in 40 lines)
        cli.setParameterExceptionHandler((e, args2) -> {
            CommandLine failed = e.getCommandLine();
            PrintWriter err = failed.getErr();
            String message = e.getMessage() == null ? "invalid arguments" : e.getMessage().lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).collect(java.util.stream.Collectors.joining("; "));
            String help = failed.getCommandSpec().qualifiedName(" ") + " --help";
            err.println("rehearse: " + message + (message.contains("--help") ? "" : " (see " + help + ")"));
            err.flush();
            return INVALID_INPUT;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (dev.rehearse.provision.Cleanup.shuttingDown()) {
                // interrupted: the run failing under the shutdown is not news; the shutdown hook says one line
                return FAILED;
            }
            if (e instanceof InvalidInputException) {
                err.println("rehearse: " + e.getMessage());
                return INVALID_INPUT;
            }
            if (e instanceof RehearsalFailedException) {
                err.println("rehearse: " + e.getMessage());
                return FAILED;
            }
            // Anything else is a bug in rehearse: show where.
            err.println("rehearse: internal error: " + e);
            e.printStackTrace(err);
            return FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (run, lint, profile, doctor); see --help");
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"rehearse " + Version.get()};
        }
    }
}
