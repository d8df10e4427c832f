package dev.rehearse.fix;

import dev.rehearse.migrate.NaturalOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * A test's SQL migration as a Liquibase team writes it: {@code V3__x.sql} is a formatted SQL changelog of its own
 * ({@code --changeset rehearse:3}, the file's text as written), included in order by {@code changelog-master.xml}.
 */
final class LiquibaseTestLayout {

    private LiquibaseTestLayout() {}

    static void place(Path from, Path dir, String name) throws IOException {
        java.util.regex.Matcher n = java.util.regex.Pattern.compile("^V(\\d+)__(.*)\\.sql$").matcher(name);
        if (!n.matches()) throw new IllegalArgumentException(name);
        Files.writeString(dir.resolve(name), "--liquibase formatted sql\n\n--changeset rehearse:" + n.group(1) + "\n"
                + Files.readString(from));
        List<String> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(f -> f.matches("V\\d+__.*\\.sql"))
                    .sorted(NaturalOrder.INSTANCE).toList();
        }
        StringBuilder master = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                        http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
                """);
        for (String f : files) master.append("    <include file=\"").append(f).append("\" relativeToChangelogFile=\"true\"/>\n");
        master.append("</databaseChangeLog>\n");
        Files.writeString(dir.resolve("changelog-master.xml"), master);
    }
}
