#!/usr/bin/env bash
# The test command (README, .ci/run). Runs `cargo test` against a real PostgreSQL:
#   1. DATABASE_URL, when set (any server where the user may CREATE DATABASE);
#   2. otherwise a throwaway cluster from the local PostgreSQL binaries (initdb in a temp dir,
#      a free port, stopped and removed on exit, even when the tests fail);
#   3. otherwise it stops with one line saying what to install.
# Extra arguments go to `cargo test` (e.g. `scripts/test.sh --test store_crash`).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${DATABASE_URL:-}" ]; then
  pg_bin=""
  for dir in $(ls -d /usr/lib/postgresql/*/bin /usr/local/pgsql/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && { pg_bin=$dir; break; }
  done
  if [ -z "$pg_bin" ] && command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    pg_bin=$(dirname "$(command -v initdb)")
  fi
  if [ -z "$pg_bin" ]; then
    echo "scripts/test.sh: no PostgreSQL found: set DATABASE_URL, or install the server (Debian/Ubuntu: apt-get install postgresql)" >&2
    exit 1
  fi

  pg_dir=$(mktemp -d -t secret-house-pg.XXXXXX)
  as_pg=()
  if [ "$(id -u)" = 0 ]; then
    # initdb refuses to run as root; the cluster belongs to the postgres user.
    id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
    chown postgres "$pg_dir"
    as_pg=(runuser -u postgres --)
  fi
  stop_cluster() {
    "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  }
  trap stop_cluster EXIT

  port=""
  for _ in $(seq 1 50); do
    candidate=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then port=$candidate; break; fi
  done
  [ -n "$port" ] || { echo "scripts/test.sh: no free TCP port found for PostgreSQL" >&2; exit 1; }

  "${as_pg[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U postgres -A trust -E UTF8 --no-sync \
    >"$pg_dir/initdb.log" 2>&1 || { cat "$pg_dir/initdb.log" >&2; exit 1; }
  # fsync off: a test cluster is thrown away anyway. max_connections covers the concurrency tests.
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w -t 60 start \
    -o "-p $port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=400" \
    >/dev/null || { cat "$pg_dir/server.log" >&2; exit 1; }
  export DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "scripts/test.sh: throwaway PostgreSQL from $pg_bin on port $port"
else
  echo "scripts/test.sh: using DATABASE_URL"
fi

cargo test --locked "$@"
