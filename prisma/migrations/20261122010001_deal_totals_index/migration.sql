-- CreateIndex
CREATE INDEX "Deal_workspaceId_deletedAt_stageId_currency_probability_valueCents_idx" ON "Deal"("workspaceId", "deletedAt", "stageId", "currency", "probability", "valueCents");

