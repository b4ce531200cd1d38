package townhall.faq;

import java.util.List;

/** Hears FAQ changes inside the transaction that made them, as {@link townhall.qa.QaListener} does for Q&A. */
public interface FaqListener {
    /** Anything search shows about these entries changed: text, section, or whether they are retired. */
    void entriesChanged(List<Long> entryIds);

    FaqListener NONE = ids -> {};
}
