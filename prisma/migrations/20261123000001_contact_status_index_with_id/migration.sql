-- The lead-status list index gains the id, so a count of "this tag and this status"
-- walks the index alone and probes the tag's links (6.5 ms instead of 21 ms at 100,000
-- contacts, where every step read the table row for its id).
DROP INDEX "Contact_workspaceId_deletedAt_leadStatus_displayName_idx";

CREATE INDEX "Contact_workspaceId_deletedAt_leadStatus_displayName_id_idx" ON "Contact"("workspaceId", "deletedAt", "leadStatus", "displayName", "id");
