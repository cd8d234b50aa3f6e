-- Module platform: rate-limit windows every node counts in (issue 9): failed enrollments, failed sign-ins and API requests per subject
-- (a subject names its limit and what it counts, e.g. 'enrollment address 203.0.113.5'). One row per subject; a
-- window starts with the subject's first event and a count after its end starts the next one in the same row, so one
-- INSERT ... ON CONFLICT counts atomically, whichever node counts. UNLOGGED: counts written millions of times a day
-- need no WAL, and after a crash PostgreSQL empties the table, which only gives every subject a fresh window. No
-- organisation column: most subjects (addresses, keyIds) are known before any organisation is, so there is nothing for
-- row-level security to guard. Housekeeping deletes ended windows. The spare room (fillfactor) lets PostgreSQL update
-- a count in place without touching the index (a HOT update).
CREATE UNLOGGED TABLE rate_window (
    subject text        PRIMARY KEY,
    ends_at timestamptz NOT NULL,
    hits    integer     NOT NULL CHECK (hits > 0)
) WITH (fillfactor = 70);

-- The addresses the events of a subject's window came from, for the sign-in limit that shuts an account out of those
-- addresses only; a row belongs to the window with the same ends_at (older rows are ended windows' and are ignored).
CREATE UNLOGGED TABLE rate_window_address (
    subject text        NOT NULL,
    address text        NOT NULL,
    ends_at timestamptz NOT NULL,
    PRIMARY KEY (subject, address)
) WITH (fillfactor = 70);
