#!/usr/bin/env bash
# Make sure what the tests talk to is there: Java for Spark, PostgreSQL at 127.0.0.1:5432 (trust auth, db `test`).
# On the project's machines the server is installed and usually running; this starts it when stopped and
# installs it from Debian's packages when absent.
set -euo pipefail

# Java 17+ for Apache Spark (PySpark local mode).
if ! command -v java >/dev/null 2>&1; then
    echo "ensure-services: installing Java (OpenJDK 17) from Debian packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
fi

# Headless Chromium for the web platform's browser tests (Playwright drives Debian's build; nothing downloaded).
if ! command -v chromium >/dev/null 2>&1; then
    echo "ensure-services: installing Chromium from Debian packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

pg_ready() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_isready >/dev/null 2>&1 || ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "ensure-services: installing PostgreSQL from Debian packages" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    ver=$(ls /etc/postgresql | sort -n | tail -1)
    hba=/etc/postgresql/$ver/main/pg_hba.conf
    sed -i -E 's/^(host\s+all\s+all\s+127\.0\.0\.1\/32\s+)\S+/\1trust/; s/^(local\s+all\s+all\s+)\S+/\1trust/' "$hba"
fi

if ! pg_ready; then
    ver=$(ls /etc/postgresql | sort -n | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true
    for _ in $(seq 1 30); do pg_ready && break; sleep 1; done
fi
pg_ready || { echo "ensure-services: PostgreSQL is not reachable at 127.0.0.1:5432" >&2; exit 1; }

if ! psql -h 127.0.0.1 -U postgres -d test -Atc 'select 1' >/dev/null 2>&1; then
    psql -h 127.0.0.1 -U postgres -Atc 'create database test' >/dev/null
fi
echo "ensure-services: PostgreSQL ready at 127.0.0.1:5432/test" >&2
