-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_birthdayMonth_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "birthdayMonth", "displayName");

