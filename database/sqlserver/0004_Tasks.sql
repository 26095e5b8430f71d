-- 民呼我应 and 微心愿: a month key on the stage history so the monthly rates read an index, and credits once per volunteer.

ALTER TABLE [dbo].[TaskStageHistory] ADD [ChangedMonth] AS (YEAR([ChangedAt]) * 100 + MONTH([ChangedAt])) PERSISTED;
GO

CREATE INDEX [IX_TaskStageHistory_ChangedMonth] ON [dbo].[TaskStageHistory] ([ChangedMonth], [ToStage]) INCLUDE ([TaskId], [FromStage]);
GO

-- Closing a task credits each volunteer once.
CREATE UNIQUE INDEX [UX_PointEntry_TaskMember] ON [dbo].[PointEntry] ([TaskId], [MemberId]) WHERE [TaskId] IS NOT NULL AND [Source] = 'Task';
GO

CREATE UNIQUE INDEX [UX_PointEntry_WishMember] ON [dbo].[PointEntry] ([WishId], [MemberId]) WHERE [WishId] IS NOT NULL AND [Source] = 'Wish';
GO

CREATE INDEX [IX_ResidentTask_DueAt] ON [dbo].[ResidentTask] ([DueAt]) INCLUDE ([Stage], [GridId]);
GO
