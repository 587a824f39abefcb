-- DropIndex
DROP INDEX "Contact_workspaceId_deletedAt_displayName_idx";

-- DropIndex
DROP INDEX "Contact_workspaceId_leadStatus_idx";

-- DropIndex
DROP INDEX "Contact_workspaceId_source_idx";

-- DropIndex
DROP INDEX "Contact_workspaceId_lastContactedAt_idx";

-- DropIndex
DROP INDEX "Contact_workspaceId_createdAt_idx";

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_isDecisionMaker_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "isDecisionMaker", "displayName");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_source_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "source", "displayName");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_lastContactedAt_idx" ON "Contact"("workspaceId", "deletedAt", "lastContactedAt");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_createdAt_idx" ON "Contact"("workspaceId", "deletedAt", "createdAt");

