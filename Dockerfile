# syntax=docker/dockerfile:1
# Build stage: dependencies are compiled in their own layer, so a code change rebuilds only the bot.
FROM rust:1.95-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
RUN mkdir -p src benches \
    && echo 'fn main() {}' > src/main.rs && touch src/lib.rs && echo 'fn main() {}' > benches/store.rs \
    && cargo build --release --locked --bin secret-house-bot \
    && rm -rf src benches
COPY src src
COPY benches benches
COPY migrations migrations
COPY config config
COPY locales locales
# Make sure cargo sees the real sources as newer than the dependency-layer stubs.
RUN touch src/main.rs src/lib.rs && cargo build --release --locked --bin secret-house-bot

# Runtime stage: slim Debian with only what the binary links against, running as a non-root user.
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates libssl3 \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app bot \
    && mkdir -p /app/config /data && chown bot /data
WORKDIR /app
COPY --from=build /app/target/release/secret-house-bot /usr/local/bin/secret-house-bot
# The session store lives on a volume so dialogues survive container re-creation.
ENV BOT__SESSIONS__PATH=/data/sessions
VOLUME ["/data"]
USER bot
# Exec form: the bot is PID 1 and receives `docker stop`'s SIGTERM itself (it handles it).
ENTRYPOINT ["/usr/local/bin/secret-house-bot"]
