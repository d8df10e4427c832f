package dev.rehearse.dialect;

import dev.rehearse.model.Report;

/** A rule's judgement of what a rehearsal measured of one statement. */
@FunctionalInterface
public interface MeasuredCheck {

    /** @return the finding (its file and line are added by the analyzer), or null when the rule has none here */
    Report.Finding judge(Rule rule, Evidence e);
}
