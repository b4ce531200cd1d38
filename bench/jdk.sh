# Sourced by the bench scripts: sets JAVA_HOME to the first JDK 21 or newer among $JAVA_HOME and the usual places
# (one with jcmd when sourced with the argument "jcmd") and JAVA to its java.
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64; do
  if [ -n "$candidate" ] && [ -x "$candidate/bin/${1:-java}" ] \
      && "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    export JAVA_HOME=$candidate; break
  fi
done
JAVA=$JAVA_HOME/bin/java
