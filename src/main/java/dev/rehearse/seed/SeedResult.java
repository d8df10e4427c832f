package dev.rehearse.seed;

import java.util.List;

/** The seeded tables in load order, including parents added because a requested table needs them. */
public record SeedResult(List<TableSeed> tables) {

    public SeedResult {
        tables = List.copyOf(tables);
    }
}
