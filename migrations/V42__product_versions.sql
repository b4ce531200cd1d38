-- Product versions, and which of them a verified answer or an FAQ entry was checked for. A product line belongs to a
-- category or a tag ("Northwind One firmware" on the tag northwind-one); staff record its versions, the newest
-- recorded one is its current version. A verified answer (kind 'answer', subject: its question) or an FAQ entry
-- (kind 'faq', subject: the entry) says which versions it holds for and when it should be reviewed again; when the
-- line's current version is not among them, or the review date passed, it waits in the re-verification queue.
CREATE TABLE product_lines (
  id BIGINT NOT NULL AUTO_INCREMENT,
  name VARCHAR(80) NOT NULL,
  category_id BIGINT NULL,
  tag_id BIGINT NULL,
  current_version_id BIGINT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_product_lines_name UNIQUE (name),
  CONSTRAINT fk_product_lines_category FOREIGN KEY (category_id) REFERENCES categories (id),
  CONSTRAINT fk_product_lines_tag FOREIGN KEY (tag_id) REFERENCES tags (id)
);

CREATE TABLE product_versions (
  id BIGINT NOT NULL AUTO_INCREMENT,
  line_id BIGINT NOT NULL,
  name VARCHAR(40) NOT NULL,
  released_on DATE NOT NULL,
  recorded_by BIGINT NULL,
  recorded_at DATETIME(6) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_product_versions_name UNIQUE (line_id, name),
  CONSTRAINT fk_product_versions_line FOREIGN KEY (line_id) REFERENCES product_lines (id)
);

CREATE TABLE freshness_checks (
  kind VARCHAR(8) NOT NULL,
  subject_id BIGINT NOT NULL,
  answer_id BIGINT NULL,
  line_id BIGINT NULL,
  review_by DATE NULL,
  checked_by BIGINT NULL,
  checked_at DATETIME(6) NOT NULL,
  how VARCHAR(12) NOT NULL DEFAULT 'verified',
  PRIMARY KEY (kind, subject_id),
  CONSTRAINT fk_freshness_checks_line FOREIGN KEY (line_id) REFERENCES product_lines (id)
);

CREATE INDEX ix_freshness_checks_line ON freshness_checks (line_id);

CREATE TABLE freshness_versions (
  kind VARCHAR(8) NOT NULL,
  subject_id BIGINT NOT NULL,
  version_id BIGINT NOT NULL,
  PRIMARY KEY (kind, subject_id, version_id),
  CONSTRAINT fk_freshness_versions_version FOREIGN KEY (version_id) REFERENCES product_versions (id)
);
