package townhall.profile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;

/**
 * What a member tells about themselves: each text null when not given. {@code avatarVersion} changes with every
 * change of the picture, and is part of the avatar's address so that each version may be cached for good.
 */
public record Profile(long memberId, String displayName, String bio, String website, boolean hasAvatar,
                      int avatarVersion, LocalDateTime updatedAt) {

    /** A member who has not filled in a profile yet. */
    public static Profile empty(long memberId) {
        return new Profile(memberId, null, null, null, false, 0, null);
    }

    /** The site path of the member's avatar, the uploaded one or the generated one. */
    public static String avatarPath(String username, int version) {
        return "/u/" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "/avatar?v=" + version;
    }

    public String avatarPath(String username) {
        return avatarPath(username, avatarVersion);
    }

    /** The name to show: the display name when given, else the username. */
    public String nameOr(String username) {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }
}
