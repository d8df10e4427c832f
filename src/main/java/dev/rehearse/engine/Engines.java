package dev.rehearse.engine;

import dev.rehearse.InvalidInputException;
import dev.rehearse.RehearsalFailedException;
import dev.rehearse.dialect.Dialect;
import dev.rehearse.scenario.EngineSpec;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The engines on the class path, found through {@link ServiceLoader}; lookup by kind and by JDBC URL. */
public final class Engines {

    private static final List<Engine> ALL = ServiceLoader.load(Engine.class, Engines.class.getClassLoader()).stream()
            .map(ServiceLoader.Provider::get)
            .sorted(Comparator.comparing(Engine::kind))
            .toList();

    private Engines() {}

    public static List<Engine> all() {
        return ALL;
    }

    public static Engine of(EngineSpec.Kind kind) {
        return ALL.stream().filter(e -> e.kind() == kind).findFirst()
                .orElseThrow(() -> new RehearsalFailedException(kind.id() + " is not in this build"));
    }

    /** The dialect of the spec's engine at the spec's version. */
    public static Dialect dialect(EngineSpec spec) {
        return of(spec.kind()).dialect(spec.serverVersion());
    }

    /**
     * Why the spec's version is outside its engine's range ({@link Engine#unsupported}), or null; an engine missing
     * from the build is left to the command that needs it.
     */
    public static String unsupported(EngineSpec spec) {
        return ALL.stream().filter(e -> e.kind() == spec.kind()).findFirst()
                .map(e -> e.unsupported(spec.version())).orElse(null);
    }

    /** What the engine runs, or a missing capability (exit 3) where this build only lints it. */
    public static EngineRuntime runtime(EngineSpec.Kind kind) {
        return of(kind).runtime().orElseThrow(() -> new RehearsalFailedException(kind.id()
                + " rehearsals are not available in this build yet; " + rehearsable() + " is"));
    }

    /** The engine a JDBC URL speaks to, among those this build can run. */
    public static Engine ofUrl(String jdbcUrl) {
        return ALL.stream().filter(e -> e.runtime().isPresent() && e.handlesUrl(jdbcUrl)).findFirst()
                .orElseThrow(() -> new InvalidInputException("--url: '" + dev.rehearse.provision.Secrets.mask(jdbcUrl) + "' is not a JDBC URL of an engine"
                        + " this build can read (" + rehearsable() + ")"));
    }

    private static String rehearsable() {
        return ALL.stream().filter(e -> e.runtime().isPresent()).map(Engine::versions).collect(Collectors.joining(", "));
    }
}
