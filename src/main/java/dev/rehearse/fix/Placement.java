package dev.rehearse.fix;

import dev.rehearse.migrate.SqlStatement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a fix's statements stand in the original file whose text is not SQL (a Rails migration's calls, a Liquibase
 * changeSet's changes): which call or change (span) each original statement came from, each segment's statements
 * matched in order against the original's (the rest are the fix's own), and whether a span moves whole into one
 * segment, so a writer keeps that span's text or writes its replacement.
 *
 * @param owner  for each original statement, the span it came from, or -1
 * @param owns   for each span, whether some original statement came from it
 * @param items  per segment, its statements as the fix ships them
 * @param whole  for each span, the one segment that keeps all its statements, -1 when they are split or rewritten,
 *               -2 when it has none
 */
record Placement(int[] owner, boolean[] owns, List<List<Item>> items, int[] whole) {

    /** A call's or change's lines in the original file. */
    record Span(int start, int end) {}

    /** A statement of a migration as the fix ships it: one of the original's (by index) or one the fix writes. */
    record Item(int original, String sql, int anchor) {}

    static Placement of(List<SqlStatement> orig, List<Span> spans, List<Fixer.Segment> segments) {
        int n = spans.size();
        int[] owner = new int[orig.size()];
        boolean[] owns = new boolean[n];
        for (int i = 0; i < orig.size(); i++) {
            owner[i] = -1;
            for (int j = 0; j < n; j++) {
                if (orig.get(i).line() >= spans.get(j).start() && orig.get(i).line() <= spans.get(j).end()) {
                    owner[i] = j;
                    owns[j] = true;
                }
            }
        }
        List<List<Item>> items = new ArrayList<>();
        int[] keptIn = new int[orig.size()];
        Arrays.fill(keptIn, -1);
        int ptr = 0;
        for (Fixer.Segment segment : segments) {
            List<Item> seg = new ArrayList<>();
            for (String sql : segment.statements()) {
                int found = -1;
                for (int i = ptr; i < orig.size(); i++) {
                    if (orig.get(i).sql().equals(sql)) {
                        found = i;
                        break;
                    }
                }
                if (found >= 0) {
                    seg.add(new Item(found, sql, owner[found]));
                    keptIn[found] = items.size();
                    ptr = found + 1;
                } else {
                    seg.add(new Item(-1, sql, ptr < orig.size() ? owner[ptr] : -1));
                }
            }
            items.add(seg);
        }
        int[] whole = new int[n];
        Arrays.fill(whole, -2);
        for (int i = 0; i < orig.size(); i++) {
            int j = owner[i];
            if (j < 0) continue;
            int k = keptIn[i];
            whole[j] = whole[j] == -2 ? k : whole[j] == k ? k : -1;
        }
        return new Placement(owner, owns, items, whole);
    }
}
