-- Contact list indexes found by npm run bench (docs/benchmarks.md). Each starts with
-- (workspaceId, deletedAt) because, without ANALYZE statistics, SQLite prefers any index
-- matching both over a narrower (workspaceId, x) one and then walks the whole workspace.
-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_displayName_id_idx" ON "Contact"("workspaceId", "deletedAt", "displayName", "id");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_leadStatus_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "leadStatus", "displayName");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_birthdayMonth_birthdayDay_idx" ON "Contact"("workspaceId", "deletedAt", "birthdayMonth", "birthdayDay");

