-- 催办/督办 and in-app notifications.
--
-- TaskEscalation holds one row per escalation of a task: 催办 (Remind) once a share of the stage's time is gone and
-- the stage has not moved, 督办 (Supervise) once the due time has passed. StageEntryId is the timeline row that
-- entered the stage, so a reopened task (a new entry) can be escalated again, while one stage entry is escalated at
-- most once per kind: UX_TaskEscalation_Entry is what keeps a restart or a second server from doubling it.
--
-- Notification is one message to one user (what the bell counts); NotificationPreference records the kinds a user
-- turned off (no row means on). The rows are written in the same transaction as the write that causes them.

CREATE TABLE [dbo].[TaskEscalation] (
    [Id]           INT           IDENTITY (1, 1) NOT NULL,
    [TaskId]       INT           NOT NULL,
    [StageEntryId] INT           NOT NULL,
    [Stage]        NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Kind]         NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [DueAt]        DATETIME2 (0) NOT NULL,
    [EscalatedAt]  DATETIME2 (0) NOT NULL,
    CONSTRAINT [PK_TaskEscalation] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_TaskEscalation_ResidentTask] FOREIGN KEY ([TaskId]) REFERENCES [dbo].[ResidentTask] ([Id]),
    CONSTRAINT [FK_TaskEscalation_TaskStageHistory] FOREIGN KEY ([StageEntryId]) REFERENCES [dbo].[TaskStageHistory] ([Id]),
    CONSTRAINT [CK_TaskEscalation_Stage] CHECK ([Stage] IN (N'Identified', N'Assigned')),
    CONSTRAINT [CK_TaskEscalation_Kind] CHECK ([Kind] IN (N'Remind', N'Supervise'))
);
GO

CREATE UNIQUE INDEX [UX_TaskEscalation_Entry] ON [dbo].[TaskEscalation] ([TaskId], [StageEntryId], [Kind]);
GO

CREATE INDEX [IX_TaskEscalation_Kind] ON [dbo].[TaskEscalation] ([Kind], [EscalatedAt]) INCLUDE ([TaskId], [StageEntryId]);
GO

CREATE TABLE [dbo].[Notification] (
    [Id]        INT            IDENTITY (1, 1) NOT NULL,
    [UserId]    INT            NOT NULL,
    [Kind]      NVARCHAR (30)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Title]     NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Body]      NVARCHAR (300) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Link]      NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [CreatedAt] DATETIME2 (0)  NOT NULL,
    [ReadAt]    DATETIME2 (0)  NULL,
    CONSTRAINT [PK_Notification] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Notification_AppUser] FOREIGN KEY ([UserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_Notification_Kind] CHECK ([Kind] IN (N'TaskAssigned', N'WishClaimed', N'TaskRemind', N'TaskSupervise', N'ReportReady', N'EvaluationPublicised'))
);
GO

CREATE INDEX [IX_Notification_UserId] ON [dbo].[Notification] ([UserId], [Id]) INCLUDE ([ReadAt]);
GO

CREATE INDEX [IX_Notification_Unread] ON [dbo].[Notification] ([UserId]) WHERE [ReadAt] IS NULL;
GO

CREATE TABLE [dbo].[NotificationPreference] (
    [UserId]  INT           NOT NULL,
    [Kind]    NVARCHAR (30) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Enabled] BIT           NOT NULL,
    CONSTRAINT [PK_NotificationPreference] PRIMARY KEY CLUSTERED ([UserId], [Kind]),
    CONSTRAINT [FK_NotificationPreference_AppUser] FOREIGN KEY ([UserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_NotificationPreference_Kind] CHECK ([Kind] IN (N'TaskAssigned', N'WishClaimed', N'TaskRemind', N'TaskSupervise', N'ReportReady', N'EvaluationPublicised'))
);
GO

ALTER TABLE [dbo].[ChangeVersion] DROP CONSTRAINT [CK_ChangeVersion_Area];
GO

ALTER TABLE [dbo].[ChangeVersion] ADD CONSTRAINT [CK_ChangeVersion_Area] CHECK ([Area] IN (N'Roster', N'Points', N'Tasks', N'Wishes', N'Accounts', N'Screens', N'Notifications'));
GO

INSERT INTO [dbo].[ChangeVersion] ([Area], [Version], [ChangedAt]) VALUES (N'Notifications', 0, SYSUTCDATETIME());
GO
