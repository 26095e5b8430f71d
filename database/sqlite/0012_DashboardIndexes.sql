-- Indexes the officials' district and community views need at district scale (150 communities, 10M ledger rows).
-- The SQLite twin of database/sqlserver/0012_DashboardIndexes.sql; SQLite has no INCLUDE, so the included columns
-- are trailing key columns.
-- Every figure starts from the grids of the scope (a 街道's ~65 grids, a community's ~5, or one) and reads that
-- grid's rows on exact days; without these the range column or the grouped month was only in the table row, so every
-- task or wish a grid ever had cost one row lookup.

-- Tasks closed in a period, and the task side of the cohort rates (stage, due date, closing day), from the index alone.
CREATE INDEX IX_ResidentTask_GridId_ClosedAt ON ResidentTask (GridId, ClosedAt, Stage, DueAt, ClosedMonth);

-- Wishes fulfilled in a period, and wishes by status (open now, or fulfilled in the period), from the index alone.
CREATE INDEX IX_MicroWish_GridId_FulfilledAt ON MicroWish (GridId, FulfilledAt, Status, FulfilledMonth);

-- A task's 'Collected' step on exact days (the cohort a task belongs to, and the received drill list): one seek per
-- task of the scope. A 街道's tasks (~4,300 of all history) are fewer than the whole district's 'Collected' rows of
-- a year (~28,000), so the plan starts from the scope's tasks rather than from the stage and day.
CREATE INDEX IX_TaskStageHistory_TaskId_ToStage_ChangedAt ON TaskStageHistory (TaskId, ToStage, ChangedAt, ChangedMonth);

-- SQL Server builds statistics with each index; SQLite's planner has none for a new index until ANALYZE, and at
-- district scale it then kept the older, narrower (TaskId, ChangedAt) index and read each 'Collected' row from the
-- table, and answered the wish-status list with an OR over whole-table scans. These three tables are small.
ANALYZE ResidentTask;
ANALYZE MicroWish;
ANALYZE TaskStageHistory;
