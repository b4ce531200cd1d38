-- What a member tells about themselves on their public page: a display name, a short bio, a website and an avatar.
-- The avatar is kept as the PNG Townhall made of the upload (256x256, no metadata); avatar_version grows with every
-- change of the picture (or of the display name whose initial the generated avatar shows), so its address changes
-- and browsers may cache each version for good. The row goes with its member.
CREATE TABLE profiles (
  member_id BIGINT NOT NULL,
  display_name VARCHAR(50) NULL,
  bio VARCHAR(500) NULL,
  website VARCHAR(200) NULL,
  avatar_png MEDIUMBLOB NULL,
  avatar_version INT NOT NULL DEFAULT 0,
  updated_at DATETIME(6) NOT NULL,
  PRIMARY KEY (member_id),
  CONSTRAINT fk_profiles_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);
