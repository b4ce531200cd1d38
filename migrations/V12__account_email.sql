-- A member confirms their address by a link; until then a setting limits what they may post. Members from before
-- confirmation existed (and those the demo and the importer make) count as confirmed.
ALTER TABLE members ADD COLUMN email_confirmed_at DATETIME(6) NULL;
UPDATE members SET email_confirmed_at = created_at;

-- Single-use links sent by email: confirming the address, resetting the password, confirming a new address.
-- Only the SHA-256 of the token is kept; a used or expired link is refused.
CREATE TABLE account_tokens (
  token_hash CHAR(64) NOT NULL,
  member_id BIGINT NOT NULL,
  purpose VARCHAR(16) NOT NULL, -- 'confirm', 'reset' or 'email'
  new_email VARCHAR(254) NULL,  -- the address being confirmed, for 'email'
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  used_at DATETIME(6) NULL,
  PRIMARY KEY (token_hash),
  CONSTRAINT fk_account_tokens_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);

CREATE INDEX ix_account_tokens_member ON account_tokens (member_id, purpose);
