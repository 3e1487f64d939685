-- The hotline dashboard counts consultations by every dimension it shows (store::dashboard::
-- consultations, a GROUP BY over these columns). With them in one index in that order the
-- database reads the groups off the index, already sorted, instead of sorting every
-- consultation: a covering index scan on SQLite, an index-only scan or a hash over a narrow
-- index on PostgreSQL.
CREATE INDEX hotline_consultation_dims ON hotline_consultation
    (year, region, channel, sex, age_band, caller_type, outcome, destination);
