-- A case list filtered by region reads each scope (the user's own cases, those assigned to
-- them, their organisation's) through (scope, id): with few or none of a scope's cases in the
-- region, that walked the whole scope. Measured at 1,000,000 cases on SQLite: a supervisor with
-- 90,000 cases assigned, all in one region, filtering by another region took 94 ms per page
-- (docs/BENCHMARKS.md). With the region in the index each scope's page is a seek.
CREATE INDEX case_file_created_region ON case_file (created_by, region, id);
CREATE INDEX case_file_assigned_region ON case_file (assigned_to, region, id);
CREATE INDEX case_file_lead_region ON case_file (lead_organisation_id, region, id);
