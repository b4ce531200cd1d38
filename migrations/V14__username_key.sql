-- One name per person however it is spelt: sam.staff, sam-staff, Sam_Staff and samstaff share the key samstaff.
-- Usernames are ASCII only (registration's pattern, the importer transliterates), so LOWER and the three REPLACEs
-- are the whole of account.Names.usernameKey; a generated column keeps it true for every writer.
-- jOOQ's free edition cannot parse generated columns: the code names it (AccountStore.USERNAME_KEY); invisible,
-- so "members.*" reads the columns jOOQ knows.
/* [jooq ignore start] */
ALTER TABLE members
  ADD COLUMN username_key VARCHAR(32)
    AS (LOWER(REPLACE(REPLACE(REPLACE(username, '.', ''), '_', ''), '-', ''))) PERSISTENT INVISIBLE;

-- Lookalikes registered before this rule: the later one is renamed <name>-<id> (it still signs in by email).
UPDATE members later
  JOIN members earlier ON earlier.username_key = later.username_key AND earlier.id < later.id
  SET later.username = CONCAT(LEFT(later.username, 31 - LENGTH(later.id)), '-', later.id);

CREATE UNIQUE INDEX uk_members_username_key ON members (username_key);
/* [jooq ignore stop] */
