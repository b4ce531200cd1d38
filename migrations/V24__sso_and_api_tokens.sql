-- A member's identity at the brand's OpenID provider: later sign-ins find the member by (issuer, subject) alone.
CREATE TABLE member_identities (
  issuer VARCHAR(255) NOT NULL,
  subject VARCHAR(255) NOT NULL,
  member_id BIGINT NOT NULL,
  created_at DATETIME(6) NOT NULL,
  last_seen_at DATETIME(6) NOT NULL,
  PRIMARY KEY (issuer, subject),
  CONSTRAINT fk_identities_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);
CREATE INDEX ix_identities_member ON member_identities (member_id);

-- A sign-in on its way through the provider: its state (hashed), nonce and PKCE verifier, used once.
CREATE TABLE sso_attempts (
  state_hash CHAR(64) NOT NULL,
  nonce VARCHAR(100) NOT NULL,
  code_verifier VARCHAR(128) NOT NULL,
  redirect_uri VARCHAR(500) NOT NULL,
  next_path VARCHAR(500) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  PRIMARY KEY (state_hash)
);

-- API tokens: shown once, kept as a SHA-256 hash; scopes are a space-separated subset of read write moderate admin.
CREATE TABLE api_tokens (
  id BIGINT NOT NULL AUTO_INCREMENT,
  member_id BIGINT NOT NULL,
  name VARCHAR(80) NOT NULL,
  scopes VARCHAR(100) NOT NULL,
  token_hash CHAR(64) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  last_used_at DATETIME(6) NULL,
  revoked_at DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_api_tokens_hash UNIQUE (token_hash),
  CONSTRAINT fk_api_tokens_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);
CREATE INDEX ix_api_tokens_member ON api_tokens (member_id, created_at);
