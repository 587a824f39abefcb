-- Duplicates: "Not duplicates" dismissals, and an index covering the same-name-at-the-same-company scan.
-- CreateTable
CREATE TABLE "DuplicateDismissal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "workspaceId" TEXT NOT NULL,
    "contactAId" TEXT NOT NULL,
    "contactBId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DuplicateDismissal_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DuplicateDismissal_workspaceId_contactBId_idx" ON "DuplicateDismissal"("workspaceId", "contactBId");

-- CreateIndex
CREATE UNIQUE INDEX "DuplicateDismissal_workspaceId_contactAId_contactBId_key" ON "DuplicateDismissal"("workspaceId", "contactAId", "contactBId");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_deletedAt_companyId_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "companyId", "displayName");

