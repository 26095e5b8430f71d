-- Indexes found missing when Baihe.Bench ran the dashboard's queries on 30 communities and 1M ledger rows.
-- The SQLite twin of database/sqlserver/0006_ScaleIndexes.sql.
-- SQLite has no INCLUDE: the included columns are trailing key columns.

-- (The leaderboard's covering IX_PointEntry_MemberId, with Source, came in 0005_ExportIndexes.)

-- The monthly 民呼我应 rates start from a community's tasks and find each one's 'Collected' row and its timeline.
CREATE INDEX IX_TaskStageHistory_TaskId_ToStage ON TaskStageHistory (TaskId, ToStage, ChangedMonth, FromStage);

-- 邻合百姓事: a community's meetings, and the tasks each meeting produced.
CREATE INDEX IX_Deliberation_CommunityId ON Deliberation (CommunityId, HeldOn);

CREATE INDEX IX_ResidentTask_DeliberationId ON ResidentTask (DeliberationId) WHERE DeliberationId IS NOT NULL;

-- A community's events, newest first, without walking every community's events by date.
CREATE INDEX IX_Activity_TeamId ON Activity (TeamId, HeldOn);

-- The exchange counter lists a community's redemptions through its rewards.
CREATE INDEX IX_Redemption_RewardId ON Redemption (RewardId, RequestedAt);

-- 总览 counts a community's work done in a period: from its grids straight to the month keys, instead of every
-- community's month range filtered by grid afterwards.
CREATE INDEX IX_ResidentTask_GridId_ClosedMonth ON ResidentTask (GridId, ClosedMonth, Stage);

CREATE INDEX IX_MicroWish_GridId_FulfilledMonth ON MicroWish (GridId, FulfilledMonth, Status);
