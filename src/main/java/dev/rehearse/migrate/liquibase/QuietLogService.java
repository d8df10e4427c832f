package dev.rehearse.migrate.liquibase;

import liquibase.logging.Logger;
import liquibase.logging.core.AbstractLogService;
import liquibase.logging.core.AbstractLogger;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;

/**
 * Liquibase's log inside a read: its INFO and FINE chatter (every changeSet, every statement) is dropped, because
 * rehearse's own progress owns stderr; a warning, which can matter to the user, goes out as one line.
 */
final class QuietLogService extends AbstractLogService {

    private final Logger logger;

    QuietLogService(Consumer<String> out) {
        Set<String> said = new HashSet<>();
        this.logger = new AbstractLogger() {
            @Override
            public void log(Level level, String message, Throwable e) {
                // an error Liquibase logs is also thrown, and reported once as rehearse's own one line
                if (level != Level.WARNING || message == null || message.isBlank()) return;
                String line = message.strip().replaceAll("\\s*\\R\\s*", " ");
                // offline there is no schema to snapshot: the source reports such a change as a problem at its line
                if (line.startsWith("Could not snapshot")) return;
                if (said.add(line)) out.accept("liquibase: warning: " + line); // validation and rendering both warn
            }
        };
    }

    @Override
    public int getPriority() {
        return PRIORITY_NOT_APPLICABLE; // never chosen by Liquibase's own lookup; set on the read's scope only
    }

    @Override
    public Logger getLog(Class clazz) {
        return logger;
    }
}
