-- Who may see a category's questions (and its idea board): public (everyone, the default), members (signed in),
-- staff (staff talk among themselves), or group (the members of one admin-managed group, and staff).
CREATE TABLE member_groups (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(60) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_member_groups_name UNIQUE (name)
);

CREATE TABLE member_group_members (
  group_id BIGINT NOT NULL,
  member_id BIGINT NOT NULL,
  added_at DATETIME(6) NOT NULL,
  PRIMARY KEY (group_id, member_id),
  CONSTRAINT fk_member_group_members_group FOREIGN KEY (group_id) REFERENCES member_groups (id) ON DELETE CASCADE,
  CONSTRAINT fk_member_group_members_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);

CREATE INDEX ix_member_group_members_member ON member_group_members (member_id, group_id);

ALTER TABLE categories ADD COLUMN visibility VARCHAR(8) NOT NULL DEFAULT 'public';
ALTER TABLE categories ADD COLUMN group_id BIGINT NULL;
ALTER TABLE categories ADD CONSTRAINT fk_categories_group FOREIGN KEY (group_id) REFERENCES member_groups (id);
