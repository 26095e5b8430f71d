-- Result and satisfaction on the 12345 scales, and 回访 sampling.
--
-- ResidentTask.Result is what the feedback stage (反馈结果) reports and the callback (回访) confirms: Resolved (解决),
-- Partial (部分解决) or Unresolved (未解决). Satisfaction gains Unrated (未评价): the resident was reached but gave no
-- rating, which the 满意率 leaves out of its denominator.
--
-- Existing rows. Satisfied, Basic and Dissatisfied keep their codes, so 满意 stays 满意, 基本满意 stays 基本满意 and
-- 不满意 stays 不满意. A closed task gets Result = Resolved: until now a task could only be closed when the resident
-- confirmed it was fixed (a "not fixed" confirmation reopened it instead), so every closed row says so. A task sent
-- back by the resident and not yet reported again (Stage = Assigned, its last reopen written by the confirmation as
-- 重新分办：问题未解决 or 重新分办：居民不满意) takes that confirmation: Unresolved, or Resolved and Dissatisfied. Other
-- open tasks have no classified result yet and stay NULL; their next feedback records one.

ALTER TABLE [dbo].[ResidentTask] ADD [Result] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ADD CONSTRAINT [CK_ResidentTask_Result] CHECK ([Result] IS NULL OR [Result] IN (N'Resolved', N'Partial', N'Unresolved'));
GO

ALTER TABLE [dbo].[ResidentTask] DROP CONSTRAINT [CK_ResidentTask_Satisfaction];
GO

ALTER TABLE [dbo].[ResidentTask] ADD CONSTRAINT [CK_ResidentTask_Satisfaction] CHECK ([Satisfaction] IS NULL OR [Satisfaction] IN (N'Satisfied', N'Basic', N'Dissatisfied', N'Unrated'));
GO

UPDATE [dbo].[ResidentTask] SET [Result] = N'Resolved' WHERE [Stage] = N'Closed';
GO

UPDATE rt SET
    [Result] = CASE WHEN last.[Note] LIKE N'重新分办：问题未解决%' THEN N'Unresolved' ELSE N'Resolved' END,
    [Satisfaction] = CASE WHEN last.[Note] LIKE N'重新分办：居民不满意%' THEN N'Dissatisfied' ELSE rt.[Satisfaction] END
FROM [dbo].[ResidentTask] rt
CROSS APPLY (SELECT TOP (1) h.[Note] FROM [dbo].[TaskStageHistory] h
             WHERE h.[TaskId] = rt.[Id] AND h.[FromStage] = N'Resolved' AND h.[ToStage] = N'Assigned'
             ORDER BY h.[ChangedAt] DESC, h.[Id] DESC) last
WHERE rt.[Stage] = N'Assigned' AND (last.[Note] LIKE N'重新分办：问题未解决%' OR last.[Note] LIKE N'重新分办：居民不满意%');
GO

-- 回访 sampling: a community's secretary draws a share of last month's closed tasks for a callback. One draw per
-- community and month (UQ_CallbackDraw_CommunityMonth refuses a second, whoever commits first wins); the seed is kept
-- so the draw can be repeated from the same tasks (CallbackSampler documents the algorithm). Each sampled task's
-- callback result is recorded once (Rating IS NULL until then).
CREATE TABLE [dbo].[CallbackDraw] (
    [Id]            INT            IDENTITY (1, 1) NOT NULL,
    [CommunityId]   INT            NOT NULL,
    [Month]         INT            NOT NULL,
    [Seed]          INT            NOT NULL,
    [SamplePercent] INT            NOT NULL,
    [Population]    INT            NOT NULL,
    [SampleSize]    INT            NOT NULL,
    [DrawnAt]       DATETIME2 (7)  NOT NULL,
    [DrawnByUserId] INT            NULL,
    CONSTRAINT [PK_CallbackDraw] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_CallbackDraw_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [FK_CallbackDraw_AppUser] FOREIGN KEY ([DrawnByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [UQ_CallbackDraw_CommunityMonth] UNIQUE ([CommunityId], [Month]),
    CONSTRAINT [CK_CallbackDraw_Month] CHECK ([Month] BETWEEN 200001 AND 999912),
    CONSTRAINT [CK_CallbackDraw_SamplePercent] CHECK ([SamplePercent] BETWEEN 1 AND 100),
    CONSTRAINT [CK_CallbackDraw_SampleSize] CHECK ([SampleSize] >= 1 AND [SampleSize] <= [Population])
);
GO

CREATE TABLE [dbo].[CallbackSample] (
    [Id]               INT            IDENTITY (1, 1) NOT NULL,
    [DrawId]           INT            NOT NULL,
    [TaskId]           INT            NOT NULL,
    [Rating]           NVARCHAR (20)  COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [Note]             NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [RecordedAt]       DATETIME2 (7)  NULL,
    [RecordedByUserId] INT            NULL,
    CONSTRAINT [PK_CallbackSample] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_CallbackSample_CallbackDraw] FOREIGN KEY ([DrawId]) REFERENCES [dbo].[CallbackDraw] ([Id]),
    CONSTRAINT [FK_CallbackSample_ResidentTask] FOREIGN KEY ([TaskId]) REFERENCES [dbo].[ResidentTask] ([Id]),
    CONSTRAINT [FK_CallbackSample_AppUser] FOREIGN KEY ([RecordedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [UQ_CallbackSample_DrawTask] UNIQUE ([DrawId], [TaskId]),
    CONSTRAINT [CK_CallbackSample_Rating] CHECK ([Rating] IS NULL OR [Rating] IN (N'Satisfied', N'Basic', N'Dissatisfied', N'Unrated')),
    CONSTRAINT [CK_CallbackSample_Recorded] CHECK (([Rating] IS NULL AND [RecordedAt] IS NULL) OR ([Rating] IS NOT NULL AND [RecordedAt] IS NOT NULL))
);
GO
