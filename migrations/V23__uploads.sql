-- Images members put in posts. The bytes live under <data dir>/uploads, named by the SHA-256 of the re-encoded
-- image (so a file never changes and the same image uploaded twice is kept once); this table says who uploaded what.
CREATE TABLE uploads (
  id BIGINT NOT NULL AUTO_INCREMENT,
  file_name VARCHAR(80) NOT NULL,       -- <sha256>.<ext>
  member_id BIGINT NOT NULL,
  bytes INT NOT NULL,
  width INT NOT NULL,
  height INT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id)
);

CREATE INDEX ix_uploads_member ON uploads (member_id, created_at);
CREATE INDEX ix_uploads_file ON uploads (file_name);
