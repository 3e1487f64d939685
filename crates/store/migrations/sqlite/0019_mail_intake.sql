-- E-mail intake of the hotline: the Message-ID of a request's latest e-mail, sealed under the
-- request's key like the address to reply to, so the answer can carry In-Reply-To/References.
ALTER TABLE hotline_request ADD COLUMN sealed_reply_ref BLOB;
