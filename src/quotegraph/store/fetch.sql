-- quotegraph store, migration to schema version 6: what the fetcher (`quotegraph ingest URL`,
-- `quotegraph watch`) knows about every URL, so a restart or a second process fetches nothing twice
-- and loses nothing.
--
-- kind: feed (an RSS/Atom feed or sitemap, polled again and again), article (fetched once), or
-- given (a URL from the command line, a feed or an article once its content says which).
-- status: pending (to fetch), fetched (fetched; its article is on its way into the store),
-- done (its article is stored, or the feed was read), failed (retried from next_fetch on),
-- gave_up (failed max-attempts times in a row).
CREATE TABLE IF NOT EXISTS fetch_urls (
    url             TEXT PRIMARY KEY,
    kind            TEXT NOT NULL DEFAULT 'article',
    status          TEXT NOT NULL DEFAULT 'pending',
    feed            TEXT,                  -- the feed or sitemap that listed it
    feed_title      TEXT,                  -- what the feed says, for pages that lack it
    feed_published  TEXT,                  -- YYYY-MM-DD
    feed_outlet     TEXT,                  -- the feed's own title (its channel)
    http_status     INTEGER,               -- of the last response (NULL: no response)
    reason          TEXT,                  -- why the last attempt failed
    attempts        INTEGER NOT NULL DEFAULT 0,  -- failed attempts in a row
    etag            TEXT,                  -- validators for conditional GET
    last_modified   TEXT,
    content_hash    TEXT,                  -- sha256 of the last body read
    article_id      TEXT,                  -- the article it gave (articles.id)
    first_seen      TEXT NOT NULL,
    last_fetched    TEXT,
    next_fetch      TEXT,                  -- due from then on (retry, or the feed's next poll)
    lease_owner     TEXT,                  -- "host:pid:start" of the process working on it
    lease_until     TEXT
);
CREATE INDEX IF NOT EXISTS fetch_urls_due ON fetch_urls(kind, status, next_fetch);
CREATE INDEX IF NOT EXISTS fetch_urls_lease ON fetch_urls(lease_owner) WHERE lease_owner IS NOT NULL;
CREATE INDEX IF NOT EXISTS fetch_urls_feed ON fetch_urls(feed);
