-- What a service achieved, written when it ends (e.g. "passport restored", "course completed").
ALTER TABLE case_service ADD COLUMN outcome TEXT;
