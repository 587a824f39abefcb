-- "Last contacted" sorts break ties by name: with the name in the index, the many
-- never-contacted people need no sort of their own (18 ms → under 1 ms per page).
DROP INDEX "Contact_workspaceId_deletedAt_lastContactedAt_idx";

CREATE INDEX "Contact_workspaceId_deletedAt_lastContactedAt_displayName_idx" ON "Contact"("workspaceId", "deletedAt", "lastContactedAt", "displayName");
