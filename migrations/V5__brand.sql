-- Brand settings an administrator changes in the browser (site name, tagline, colours, extra CSS, footer links,
-- welcome text, guidelines, which uploaded logo and favicon are in use): one row per setting that was set.
CREATE TABLE brand_settings (
  name VARCHAR(64) NOT NULL,
  value MEDIUMTEXT NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  updated_by BIGINT NULL,
  PRIMARY KEY (name)
);

-- Uploaded brand images (logo, favicon), named by the SHA-256 of their bytes, so every node serves them from the
-- database and a new upload gets a new address that browsers may cache for a year.
CREATE TABLE brand_files (
  hash CHAR(64) NOT NULL,
  content_type VARCHAR(32) NOT NULL,
  bytes MEDIUMBLOB NOT NULL,
  created_at DATETIME(6) NOT NULL,
  PRIMARY KEY (hash)
);
