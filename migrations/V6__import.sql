-- Imported posts keep their attribution: the address of the original, its author there, and its licence.
ALTER TABLE posts ADD COLUMN origin_url VARCHAR(300) NULL;
ALTER TABLE posts ADD COLUMN origin_author VARCHAR(100) NULL;
ALTER TABLE posts ADD COLUMN origin_license VARCHAR(40) NULL;

-- What an import created, under the source's own ids, so running it again adds only what is new.
-- kind is member, post, comment or duplicate; name keeps a member's display name at the source, for attribution.
CREATE TABLE import_map (
  source VARCHAR(100) NOT NULL,
  kind VARCHAR(16) NOT NULL,
  external_id BIGINT NOT NULL,
  local_id BIGINT NOT NULL,
  name VARCHAR(100) NULL,
  PRIMARY KEY (source, kind, external_id)
);

-- Working table of a running import: the newest Markdown of each source post, from its edit history.
CREATE TABLE import_markdown (
  source VARCHAR(100) NOT NULL,
  post_id BIGINT NOT NULL,
  history_id BIGINT NOT NULL,
  body_md MEDIUMTEXT NOT NULL,
  PRIMARY KEY (source, post_id)
);

-- Working table of a running import: accepted answers, set once the answers (later in the dump) exist.
CREATE TABLE import_accepted (
  source VARCHAR(100) NOT NULL,
  question_id BIGINT NOT NULL,
  answer_id BIGINT NOT NULL,
  PRIMARY KEY (source, question_id)
);
