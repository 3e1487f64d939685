-- The orders a case list can be read in (registration date, last change) and the cases a user
-- created (the hotline consultant's scope), each walked by an index in keyset paging.
CREATE INDEX case_file_registered ON case_file (registered_on, id);
CREATE INDEX case_file_updated ON case_file (updated_at, id);
CREATE INDEX case_file_created ON case_file (created_by, id);
