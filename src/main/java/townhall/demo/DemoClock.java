package townhall.demo;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/** A clock the demo seeding sets by hand, so its posts spread over the past weeks as a real community's would. */
final class DemoClock extends Clock {
    private final ZoneId zone;
    private Instant instant;

    DemoClock(Instant instant, ZoneId zone) {
        this.instant = instant;
        this.zone = zone;
    }

    void set(Instant instant) {
        this.instant = instant;
    }

    @Override
    public Instant instant() {
        return instant;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new DemoClock(instant, zone);
    }
}
