-- Contact list indexes found by npm run bench (docs/benchmarks.md). Each starts with
-- (workspaceId, deletedAt) because, without ANALYZE statistics, SQLite picks any index
-- that matches both over a narrower (workspaceId, x) one and then scans the workspace.
-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_displayName_id_idx" ON "Contact"("workspaceId", "deletedAt", "displayName", "id");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_leadStatus_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "leadStatus", "displayName");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_createdAt_idx" ON "Contact"("workspaceId", "deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_birthdayMonth_birthdayDay_idx" ON "Contact"("workspaceId", "deletedAt", "birthdayMonth", "birthdayDay");

