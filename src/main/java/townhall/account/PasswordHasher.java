package townhall.account;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id with OWASP's recommended minimum cost (19 MiB, 2 passes, 1 lane), in PHC string form. */
public final class PasswordHasher {
    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

    /**
     * Verifying against this when no account matches keeps the answer time the same either way. A fixed hash (of a
     * password nobody has, with these parameters) rather than one made at start, which cost a start 0.2-0.5 s.
     */
    private static final String DECOY_HASH =
            "$argon2id$v=19$m=19456,t=2,p=1$418Rs7KT5HwypdKUB9dnTA$YCUJDFf7Cw2HteUQfb34kk4uI/1YWKwxwX/6n1ar/9c";

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    public boolean matches(String password, String hash) {
        return Password.check(password, hash).with(ARGON2ID);
    }

    public void spendTimeOfOneCheck(String password) {
        matches(password, DECOY_HASH);
    }
}
