package dev.rehearse.migrate;

import java.util.List;

/** Splits a migration script into statements, in the engine's own lexical rules. */
public interface SqlSplitter {

    /**
     * @throws SqlSplitException when the text cannot be split (unterminated string, comment or dollar quote)
     */
    List<SqlStatement> split(String text);
}
