-- A member's own choice of interface language (en, ru, cs, ...); NULL follows the site's default.
ALTER TABLE members ADD COLUMN language VARCHAR(8) NULL;
