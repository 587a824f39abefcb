-- DropIndex
DROP INDEX "Deal_workspaceId_companyId_idx";

-- DropIndex
DROP INDEX "Deal_workspaceId_contactId_idx";

-- DropIndex
DROP INDEX "Deal_workspaceId_ownerId_idx";

-- DropIndex
DROP INDEX "Deal_workspaceId_expectedCloseAt_idx";

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_stageId_currency_probability_valueCents_idx" ON "Deal"("workspaceId", "deletedAt", "stageId", "currency", "probability", "valueCents");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_companyId_idx" ON "Deal"("workspaceId", "deletedAt", "companyId");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_contactId_idx" ON "Deal"("workspaceId", "deletedAt", "contactId");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_ownerId_idx" ON "Deal"("workspaceId", "deletedAt", "ownerId");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_expectedCloseAt_idx" ON "Deal"("workspaceId", "deletedAt", "expectedCloseAt");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_valueCents_idx" ON "Deal"("workspaceId", "deletedAt", "valueCents");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_name_idx" ON "Deal"("workspaceId", "deletedAt", "name");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_createdAt_idx" ON "Deal"("workspaceId", "deletedAt", "createdAt");

-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_probability_idx" ON "Deal"("workspaceId", "deletedAt", "probability");

