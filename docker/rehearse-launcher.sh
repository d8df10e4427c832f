#!/bin/sh
# The image's rehearse: the jar with its AppCDS archive; lint (a short process) also gets the client compiler and
# the serial collector, which start faster; run keeps the JVM's defaults for its long workload.
jar=/opt/rehearse/rehearse.jar
jsa=/opt/rehearse/rehearse.jsa
opts="-XX:SharedArchiveFile=$jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
case "${1:-}" in
  lint|--help|--version|-h|-V) opts="$opts -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" ;;
esac
# shellcheck disable=SC2086
exec java $opts ${REHEARSE_JAVA_OPTS:-} -jar "$jar" "$@"
