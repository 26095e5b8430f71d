-- The audit viewer (/admin/audit) and the log's retention.
-- 1. AuditLog.CommunityId: the community the row is about, so a secretary sees their community's rows and an official
--    their 街道's. New rows get it from Journal (the record's community, else the actor's); existing rows from the
--    record they name, where it says one; rows about no community (accounts, tokens) stay administrators' only.
-- 2. Indexes for the default page (newest first) and each single filter.
-- 3. Append-only: UPDATE is always refused; DELETE only while AuditArchiveGate holds its row, which the
--    `audit-archive` command inserts and deletes inside its own transaction (never committed, so never seen by others).

ALTER TABLE [dbo].[AuditLog] ADD [CommunityId] INT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ADD CONSTRAINT [FK_AuditLog_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]);
GO

UPDATE [dbo].[AuditLog] SET [CommunityId] = CASE [EntityType]
    WHEN 'Community' THEN (SELECT c.[Id] FROM [dbo].[Community] c WHERE CAST(c.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Team' THEN (SELECT t.[CommunityId] FROM [dbo].[Team] t WHERE CAST(t.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Grid' THEN (SELECT g.[CommunityId] FROM [dbo].[Grid] g WHERE CAST(g.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Member' THEN (SELECT g.[CommunityId] FROM [dbo].[Member] m JOIN [dbo].[Grid] g ON g.[Id] = m.[GridId] WHERE CAST(m.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Membership' THEN (SELECT t.[CommunityId] FROM [dbo].[Membership] s JOIN [dbo].[Team] t ON t.[Id] = s.[TeamId] WHERE CAST(s.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Activity' THEN (SELECT t.[CommunityId] FROM [dbo].[Activity] a JOIN [dbo].[Team] t ON t.[Id] = a.[TeamId] WHERE CAST(a.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'ResidentTask' THEN (SELECT g.[CommunityId] FROM [dbo].[ResidentTask] r JOIN [dbo].[Grid] g ON g.[Id] = r.[GridId] WHERE CAST(r.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'MicroWish' THEN (SELECT g.[CommunityId] FROM [dbo].[MicroWish] w JOIN [dbo].[Grid] g ON g.[Id] = w.[GridId] WHERE CAST(w.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Redemption' THEN (SELECT g.[CommunityId] FROM [dbo].[Redemption] x JOIN [dbo].[Member] m ON m.[Id] = x.[MemberId] JOIN [dbo].[Grid] g ON g.[Id] = m.[GridId] WHERE CAST(x.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'PointEntry' THEN (SELECT g.[CommunityId] FROM [dbo].[PointEntry] x JOIN [dbo].[Member] m ON m.[Id] = x.[MemberId] JOIN [dbo].[Grid] g ON g.[Id] = m.[GridId] WHERE CAST(x.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Evaluation' THEN (SELECT e.[CommunityId] FROM [dbo].[Evaluation] e WHERE CAST(e.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'Deliberation' THEN (SELECT d.[CommunityId] FROM [dbo].[Deliberation] d WHERE CAST(d.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    WHEN 'ServiceCertificate' THEN (SELECT s.[CommunityId] FROM [dbo].[ServiceCertificate] s WHERE CAST(s.[Id] AS VARCHAR (50)) = [AuditLog].[EntityId])
    ELSE NULL END;
GO

-- Superseded by IX_AuditLog_EntityTime (below), which also serves a record's history newest first; dropped first so the
-- columns it covers can become NVARCHAR: Dapper sends strings as NVARCHAR, and against a VARCHAR column that would
-- convert the column and scan the index instead of seeking it.
DROP INDEX [IX_AuditLog_Entity] ON [dbo].[AuditLog];
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [Action] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [EntityType] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [EntityId] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

CREATE INDEX [IX_AuditLog_CommunityId] ON [dbo].[AuditLog] ([CommunityId], [OccurredAt]);
GO

CREATE INDEX [IX_AuditLog_UserName] ON [dbo].[AuditLog] ([UserName], [OccurredAt]);
GO

CREATE INDEX [IX_AuditLog_Action] ON [dbo].[AuditLog] ([Action], [OccurredAt]);
GO

CREATE INDEX [IX_AuditLog_EntityTime] ON [dbo].[AuditLog] ([EntityType], [EntityId], [OccurredAt]);
GO

CREATE TABLE [dbo].[AuditArchiveGate] (
    [Id]       INT           NOT NULL,
    [OpenedAt] DATETIME2 (3) NOT NULL,
    CONSTRAINT [PK_AuditArchiveGate] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [CK_AuditArchiveGate_Id] CHECK ([Id] = 1)
);
GO

CREATE TRIGGER [dbo].[TR_AuditLog_NoUpdate] ON [dbo].[AuditLog]
AFTER UPDATE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'操作日志只能追加，不能修改或删除。', 1;
END;
GO

CREATE TRIGGER [dbo].[TR_AuditLog_NoDelete] ON [dbo].[AuditLog]
AFTER DELETE
AS
BEGIN
    SET NOCOUNT ON;
    IF NOT EXISTS (SELECT 1 FROM [dbo].[AuditArchiveGate])
    BEGIN
        THROW 51000, N'操作日志只能追加，不能修改或删除。', 1;
    END;
END;
GO
