-- Indexes behind the dashboard's aggregates (docs/decisions/0011-dashboard-charts-and-aggregates.md):
-- each count is an index range, with deletedAt in the index so no row is read. (Contact's
-- (workspaceId, deletedAt, lastContactedAt) and (…, createdAt) come from 20261121040000_contact_list_indexes.)
-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_leadStatus_createdAt_idx" ON "Contact"("workspaceId", "deletedAt", "leadStatus", "createdAt");

-- CreateIndex
CREATE INDEX "Company_workspaceId_deletedAt_leadStatus_createdAt_idx" ON "Company"("workspaceId", "deletedAt", "leadStatus", "createdAt");

-- CreateIndex
CREATE INDEX "Interaction_workspaceId_medium_occurredAt_idx" ON "Interaction"("workspaceId", "medium", "occurredAt");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_stageId_expectedCloseAt_idx" ON "Deal"("workspaceId", "deletedAt", "stageId", "expectedCloseAt");

-- Conversions in a date range: log entries that took leadStatus to CONVERTED (a status
-- change, an edit, a merge). A partial index holds only those entries, so counting them
-- never reads the JSON of the rest of the log. Not expressible in schema.prisma; the
-- dashboard's query repeats this exact WHERE expression so SQLite can use it.
CREATE INDEX "ActivityLog_conversion_idx" ON "ActivityLog"("workspaceId", "createdAt") WHERE json_extract(diff, '$.leadStatus[1]') = 'CONVERTED';
