package townhall.ideas;

import java.util.List;

/**
 * Hears, inside the transaction, that an idea or announcement changed: search indexes it (through its outbox).
 * Owned here and answered above, wired in {@code app/}.
 */
public interface IdeaListener {
    void ideaChanged(long ideaId);

    void announcementChanged(long announcementId);

    IdeaListener NONE = of(List.of());

    static IdeaListener of(List<IdeaListener> listeners) {
        return new IdeaListener() {
            @Override
            public void ideaChanged(long ideaId) {
                listeners.forEach(l -> l.ideaChanged(ideaId));
            }

            @Override
            public void announcementChanged(long announcementId) {
                listeners.forEach(l -> l.announcementChanged(announcementId));
            }
        };
    }
}
