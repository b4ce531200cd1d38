package townhall.mail;

/** A message ready to send: subject, plain-text and HTML parts, its Message-ID and, for bulk mail, where to unsubscribe. */
record Rendered(String subject, String text, String html, String messageId, String unsubscribeUrl) {}
