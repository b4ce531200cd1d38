package townhall.uploads;

import townhall.config.Config;
import townhall.config.Setting;

/** How large an image may be, by standing: new members (below {@code new.member.reputation}) get smaller limits. */
public record UploadLimits(int maxKb, int maxSide, int newMemberMaxKb, int newMemberMaxSide) {
    public static UploadLimits from(Config config) {
        return new UploadLimits(config.getInt(Setting.UPLOAD_MAX_KB), config.getInt(Setting.UPLOAD_MAX_SIDE),
                config.getInt(Setting.UPLOAD_NEW_MEMBER_MAX_KB), config.getInt(Setting.UPLOAD_NEW_MEMBER_MAX_SIDE));
    }

    /** The limits that apply to one member. */
    record Applying(int maxKb, int maxSide) {}

    Applying of(boolean newMember) {
        return newMember ? new Applying(newMemberMaxKb, newMemberMaxSide) : new Applying(maxKb, maxSide);
    }
}
