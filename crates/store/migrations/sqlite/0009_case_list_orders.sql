-- The orders a case list can be read in (registration date, case code, last change), each
-- walked by an index in keyset paging: globally, and within each scope a list is read through
-- (the user's own cases, the cases assigned to them, their organisation's), so that a page of
-- an organisation with 250,000 cases costs an index seek, not a sort of all of them.
CREATE INDEX case_file_registered ON case_file (registered_on, id);
CREATE INDEX case_file_updated ON case_file (updated_at, id);
CREATE INDEX case_file_created ON case_file (created_by, id);
CREATE INDEX case_file_created_registered ON case_file (created_by, registered_on, id);
CREATE INDEX case_file_created_code ON case_file (created_by, code);
CREATE INDEX case_file_created_updated ON case_file (created_by, updated_at, id);
CREATE INDEX case_file_assigned_registered ON case_file (assigned_to, registered_on, id);
CREATE INDEX case_file_assigned_code ON case_file (assigned_to, code);
CREATE INDEX case_file_assigned_updated ON case_file (assigned_to, updated_at, id);
CREATE INDEX case_file_lead_registered ON case_file (lead_organisation_id, registered_on, id);
CREATE INDEX case_file_lead_code ON case_file (lead_organisation_id, code);
CREATE INDEX case_file_lead_updated ON case_file (lead_organisation_id, updated_at, id);
