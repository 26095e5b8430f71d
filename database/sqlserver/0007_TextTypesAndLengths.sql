-- Text types, collation and duplicate indexes on SQL Server, the production engine.
-- The SQLite twin is database/sqlite/0007_TextTypesAndLengths.sql; SchemaParityTests and SqlServerTypeRulesTests hold
-- the two in lock-step.
--
-- 1. Every VARCHAR column becomes NVARCHAR of the same length. Dapper sends every .NET string as NVARCHAR; compared
--    with a VARCHAR column under a SQL_* collation, SQL Server converts the column, not the parameter, so the index
--    on it is scanned, and the change-version bump (WHERE [Area] = @Area) locked every row it read. SQLite has one
--    TEXT type, so there is nothing to change there.
--
-- 2. Every text column is pinned to Chinese_PRC_100_CI_AS_SC, whatever the database's default:
--    - CI: user names and names are unique case-insensitively (zhangsan and ZhangSan are one account, not two);
--    - _100_ and _SC: the newer sort weights and supplementary characters, so LEN, SUBSTRING and sorting treat a rare
--      character of a personal name (CJK Extension B, e.g. 𠮷) as one character instead of two surrogate halves;
--    - Chinese_PRC sorts Chinese names by pinyin, the order a 花名册 is read in (the _Stroke collations sort by strokes).
--    Every column, not only the sorted and unique names: two columns of different collations cannot be compared,
--    joined or put in one CASE/UNION (error 468), so pinning only some would break the first query that mixes them.
--    DatabaseMigrator refuses a case-sensitive or binary database default before this runs: temp tables and literals
--    take the default, and uniqueness must not depend on it.
--
-- 3. Duplicate indexes dropped: IX_PointEntry_Ledger ([OccurredOn], [Id]) is IX_PointEntry_OccurredOn's key plus the
--    clustered key every nonclustered index already carries; IX_PointEntry_ReversesEntryId is UX_PointEntry_Reverses
--    without the uniqueness. Each cost a write per ledger row and bought nothing.
--
-- ALTER COLUMN refuses while an index, key or CHECK refers to the column, so those are dropped first and recreated
-- under the same names afterwards (N'' literals, now that the columns are NVARCHAR).

-- Auto-created statistics block a collation change (unlike a type change); the optimizer recreates them on demand.
DECLARE @dropStatistics NVARCHAR (MAX) = N'';
SELECT @dropStatistics = @dropStatistics + N'DROP STATISTICS [dbo].' + QUOTENAME(OBJECT_NAME(s.[object_id])) + N'.' + QUOTENAME(s.[name]) + N';'
FROM sys.stats AS s
WHERE s.auto_created = 1 AND OBJECT_SCHEMA_NAME(s.[object_id]) = N'dbo' AND OBJECTPROPERTY(s.[object_id], N'IsUserTable') = 1;
EXEC sys.sp_executesql @dropStatistics;
GO

-- Duplicates -------------------------------------------------------------------------------------------------------

DROP INDEX [IX_PointEntry_Ledger] ON [dbo].[PointEntry];
GO

DROP INDEX [IX_PointEntry_ReversesEntryId] ON [dbo].[PointEntry];
GO

-- What refers to a text column --------------------------------------------------------------------------------------

DROP INDEX [IX_Member_Phone] ON [dbo].[Member];
GO

DROP INDEX [UX_Membership_ActiveLead] ON [dbo].[Membership];
GO

DROP INDEX [IX_Membership_TeamId] ON [dbo].[Membership];
GO

DROP INDEX [IX_AuditLog_Entity] ON [dbo].[AuditLog];
GO

DROP INDEX [IX_ResidentTask_CollectedAt] ON [dbo].[ResidentTask];
GO

DROP INDEX [IX_ResidentTask_GridId_Stage] ON [dbo].[ResidentTask];
GO

DROP INDEX [IX_ResidentTask_DueAt] ON [dbo].[ResidentTask];
GO

DROP INDEX [IX_ResidentTask_GridId_ClosedMonth] ON [dbo].[ResidentTask];
GO

DROP INDEX [IX_TaskStageHistory_ChangedMonth] ON [dbo].[TaskStageHistory];
GO

DROP INDEX [IX_TaskStageHistory_TaskId_ToStage] ON [dbo].[TaskStageHistory];
GO

DROP INDEX [IX_MicroWish_PublishedAt] ON [dbo].[MicroWish];
GO

DROP INDEX [IX_MicroWish_GridId_FulfilledMonth] ON [dbo].[MicroWish];
GO

DROP INDEX [UX_PointEntry_ActivityMember] ON [dbo].[PointEntry];
GO

DROP INDEX [UX_PointEntry_TaskMember] ON [dbo].[PointEntry];
GO

DROP INDEX [UX_PointEntry_WishMember] ON [dbo].[PointEntry];
GO

DROP INDEX [IX_PointEntry_MemberId] ON [dbo].[PointEntry];
GO

ALTER TABLE [dbo].[SubDistrict] DROP CONSTRAINT [UQ_SubDistrict_Name];
GO

ALTER TABLE [dbo].[Community] DROP CONSTRAINT [UQ_Community_Name];
GO

ALTER TABLE [dbo].[CommunityHonour] DROP CONSTRAINT [UQ_CommunityHonour_Title];
GO

ALTER TABLE [dbo].[Grid] DROP CONSTRAINT [UQ_Grid_Name];
GO

ALTER TABLE [dbo].[PartnerUnit] DROP CONSTRAINT [UQ_PartnerUnit_Name];
GO

ALTER TABLE [dbo].[Brand] DROP CONSTRAINT [UQ_Brand_Name];
GO

ALTER TABLE [dbo].[Team] DROP CONSTRAINT [UQ_Team_Name];
GO

ALTER TABLE [dbo].[Team] DROP CONSTRAINT [CK_Team_Kind];
GO

ALTER TABLE [dbo].[Member] DROP CONSTRAINT [CK_Member_Name];
GO

ALTER TABLE [dbo].[Member] DROP CONSTRAINT [CK_Member_Phone];
GO

ALTER TABLE [dbo].[Membership] DROP CONSTRAINT [CK_Membership_Role];
GO

ALTER TABLE [dbo].[AppUser] DROP CONSTRAINT [UQ_AppUser_UserName];
GO

ALTER TABLE [dbo].[AppUser] DROP CONSTRAINT [CK_AppUser_Role];
GO

ALTER TABLE [dbo].[ChangeVersion] DROP CONSTRAINT [PK_ChangeVersion];
GO

ALTER TABLE [dbo].[ChangeVersion] DROP CONSTRAINT [CK_ChangeVersion_Area];
GO

ALTER TABLE [dbo].[PointCategory] DROP CONSTRAINT [UQ_PointCategory_Code];
GO

ALTER TABLE [dbo].[PointCategory] DROP CONSTRAINT [UQ_PointCategory_Name];
GO

ALTER TABLE [dbo].[PointRule] DROP CONSTRAINT [UQ_PointRule_Code];
GO

ALTER TABLE [dbo].[Activity] DROP CONSTRAINT [CK_Activity_Status];
GO

ALTER TABLE [dbo].[Activity] DROP CONSTRAINT [CK_Activity_ClosedAt];
GO

ALTER TABLE [dbo].[Reward] DROP CONSTRAINT [UQ_Reward_Name];
GO

ALTER TABLE [dbo].[Redemption] DROP CONSTRAINT [UQ_Redemption_IdempotencyKey];
GO

ALTER TABLE [dbo].[Redemption] DROP CONSTRAINT [CK_Redemption_Status];
GO

ALTER TABLE [dbo].[ResidentTask] DROP CONSTRAINT [CK_ResidentTask_Source];
GO

ALTER TABLE [dbo].[ResidentTask] DROP CONSTRAINT [CK_ResidentTask_Urgency];
GO

ALTER TABLE [dbo].[ResidentTask] DROP CONSTRAINT [CK_ResidentTask_Stage];
GO

ALTER TABLE [dbo].[ResidentTask] DROP CONSTRAINT [CK_ResidentTask_Satisfaction];
GO

ALTER TABLE [dbo].[ResidentTask] DROP CONSTRAINT [CK_ResidentTask_Closed];
GO

ALTER TABLE [dbo].[TaskStageHistory] DROP CONSTRAINT [CK_TaskStageHistory_ToStage];
GO

ALTER TABLE [dbo].[TaskStageHistory] DROP CONSTRAINT [CK_TaskStageHistory_FromStage];
GO

ALTER TABLE [dbo].[MicroWish] DROP CONSTRAINT [CK_MicroWish_WisherKind];
GO

ALTER TABLE [dbo].[MicroWish] DROP CONSTRAINT [CK_MicroWish_Status];
GO

ALTER TABLE [dbo].[MicroWish] DROP CONSTRAINT [CK_MicroWish_ClaimantKind];
GO

ALTER TABLE [dbo].[MicroWish] DROP CONSTRAINT [CK_MicroWish_Claimed];
GO

ALTER TABLE [dbo].[MicroWish] DROP CONSTRAINT [CK_MicroWish_Fulfilled];
GO

ALTER TABLE [dbo].[WishStatusHistory] DROP CONSTRAINT [CK_WishStatusHistory_ToStatus];
GO

ALTER TABLE [dbo].[PointEntry] DROP CONSTRAINT [CK_PointEntry_Source];
GO

ALTER TABLE [dbo].[Evaluation] DROP CONSTRAINT [CK_Evaluation_Status];
GO

-- The columns -------------------------------------------------------------------------------------------------------

ALTER TABLE [dbo].[SubDistrict] ALTER COLUMN [Name] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[SubDistrict] ALTER COLUMN [District] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[SubDistrict] ALTER COLUMN [City] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Community] ALTER COLUMN [Name] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Community] ALTER COLUMN [Description] NVARCHAR (500) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[CommunityHonour] ALTER COLUMN [Title] NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Grid] ALTER COLUMN [Name] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[PartnerUnit] ALTER COLUMN [Name] NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Brand] ALTER COLUMN [Name] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Brand] ALTER COLUMN [Description] NVARCHAR (500) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[Team] ALTER COLUMN [Name] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Team] ALTER COLUMN [Kind] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Team] ALTER COLUMN [Description] NVARCHAR (500) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[Member] ALTER COLUMN [Name] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Member] ALTER COLUMN [Phone] NVARCHAR (11) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[Member] ALTER COLUMN [Skill] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[Membership] ALTER COLUMN [Role] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Membership] ALTER COLUMN [LeaveReason] NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[AppUser] ALTER COLUMN [UserName] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AppUser] ALTER COLUMN [DisplayName] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AppUser] ALTER COLUMN [PasswordHash] NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AppUser] ALTER COLUMN [Role] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AppUser] ALTER COLUMN [SecurityStamp] NVARCHAR (40) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [UserName] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [Action] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [EntityType] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [EntityId] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [BeforeJson] NVARCHAR (MAX) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[AuditLog] ALTER COLUMN [AfterJson] NVARCHAR (MAX) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[ChangeVersion] ALTER COLUMN [Area] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[PointCategory] ALTER COLUMN [Code] NVARCHAR (30) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[PointCategory] ALTER COLUMN [Name] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[PointRule] ALTER COLUMN [Code] NVARCHAR (30) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[PointRule] ALTER COLUMN [Name] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Activity] ALTER COLUMN [Title] NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Activity] ALTER COLUMN [Place] NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Activity] ALTER COLUMN [Status] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Reward] ALTER COLUMN [Name] NVARCHAR (50) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Reward] ALTER COLUMN [Description] NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[Redemption] ALTER COLUMN [IdempotencyKey] NVARCHAR (64) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Redemption] ALTER COLUMN [Status] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Deliberation] ALTER COLUMN [Topic] NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Deliberation] ALTER COLUMN [NeedsRaised] NVARCHAR (1000) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[Deliberation] ALTER COLUMN [Decisions] NVARCHAR (1000) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Title] NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Description] NVARCHAR (1000) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Category] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Source] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Urgency] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Stage] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Resolution] NVARCHAR (1000) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [Satisfaction] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[ResidentTask] ALTER COLUMN [PhotoPath] NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[TaskStageHistory] ALTER COLUMN [FromStage] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[TaskStageHistory] ALTER COLUMN [ToStage] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[TaskStageHistory] ALTER COLUMN [Note] NVARCHAR (500) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[MicroWish] ALTER COLUMN [WisherName] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[MicroWish] ALTER COLUMN [WisherKind] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[MicroWish] ALTER COLUMN [Content] NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[MicroWish] ALTER COLUMN [Status] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[MicroWish] ALTER COLUMN [ClaimantKind] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[MicroWish] ALTER COLUMN [FulfilmentNote] NVARCHAR (500) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[MicroWish] ALTER COLUMN [PhotoPath] NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[WishStatusHistory] ALTER COLUMN [FromStatus] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[WishStatusHistory] ALTER COLUMN [ToStatus] NVARCHAR (10) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[WishStatusHistory] ALTER COLUMN [Note] NVARCHAR (500) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[PointEntry] ALTER COLUMN [Source] NVARCHAR (20) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

ALTER TABLE [dbo].[PointEntry] ALTER COLUMN [Note] NVARCHAR (200) COLLATE Chinese_PRC_100_CI_AS_SC NULL;
GO

ALTER TABLE [dbo].[Evaluation] ALTER COLUMN [Status] NVARCHAR (12) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL;
GO

-- Recreated as they were -------------------------------------------------------------------------------------------

ALTER TABLE [dbo].[SubDistrict] ADD CONSTRAINT [UQ_SubDistrict_Name] UNIQUE ([City], [District], [Name]);
GO

ALTER TABLE [dbo].[Community] ADD CONSTRAINT [UQ_Community_Name] UNIQUE ([SubDistrictId], [Name]);
GO

ALTER TABLE [dbo].[CommunityHonour] ADD CONSTRAINT [UQ_CommunityHonour_Title] UNIQUE ([CommunityId], [Title]);
GO

ALTER TABLE [dbo].[Grid] ADD CONSTRAINT [UQ_Grid_Name] UNIQUE ([CommunityId], [Name]);
GO

ALTER TABLE [dbo].[PartnerUnit] ADD CONSTRAINT [UQ_PartnerUnit_Name] UNIQUE ([CommunityId], [Name]);
GO

ALTER TABLE [dbo].[Brand] ADD CONSTRAINT [UQ_Brand_Name] UNIQUE ([Name]);
GO

ALTER TABLE [dbo].[Team] ADD CONSTRAINT [UQ_Team_Name] UNIQUE ([CommunityId], [Name]);
GO

ALTER TABLE [dbo].[Team] ADD CONSTRAINT [CK_Team_Kind] CHECK ([Kind] IN (N'VolunteerService', N'InterestGroup'));
GO

ALTER TABLE [dbo].[Member] ADD CONSTRAINT [CK_Member_Name] CHECK (LEN([Name]) > 0);
GO

ALTER TABLE [dbo].[Member] ADD CONSTRAINT [CK_Member_Phone] CHECK ([Phone] IS NULL OR (LEN([Phone]) = 11 AND [Phone] NOT LIKE N'%[^0-9]%' AND [Phone] LIKE N'1%'));
GO

ALTER TABLE [dbo].[Membership] ADD CONSTRAINT [CK_Membership_Role] CHECK ([Role] IN (N'Lead', N'Deputy', N'Member'));
GO

ALTER TABLE [dbo].[AppUser] ADD CONSTRAINT [UQ_AppUser_UserName] UNIQUE ([UserName]);
GO

ALTER TABLE [dbo].[AppUser] ADD CONSTRAINT [CK_AppUser_Role] CHECK ([Role] IN (N'Official', N'Secretary', N'Lead', N'Admin'));
GO

ALTER TABLE [dbo].[ChangeVersion] ADD CONSTRAINT [PK_ChangeVersion] PRIMARY KEY CLUSTERED ([Area]);
GO

ALTER TABLE [dbo].[ChangeVersion] ADD CONSTRAINT [CK_ChangeVersion_Area] CHECK ([Area] IN (N'Roster', N'Points', N'Tasks', N'Wishes'));
GO

ALTER TABLE [dbo].[PointCategory] ADD CONSTRAINT [UQ_PointCategory_Code] UNIQUE ([Code]);
GO

ALTER TABLE [dbo].[PointCategory] ADD CONSTRAINT [UQ_PointCategory_Name] UNIQUE ([Name]);
GO

ALTER TABLE [dbo].[PointRule] ADD CONSTRAINT [UQ_PointRule_Code] UNIQUE ([Code]);
GO

ALTER TABLE [dbo].[Activity] ADD CONSTRAINT [CK_Activity_Status] CHECK ([Status] IN (N'Open', N'Closed'));
GO

ALTER TABLE [dbo].[Activity] ADD CONSTRAINT [CK_Activity_ClosedAt] CHECK (([Status] = N'Open' AND [ClosedAt] IS NULL) OR ([Status] = N'Closed' AND [ClosedAt] IS NOT NULL));
GO

ALTER TABLE [dbo].[Reward] ADD CONSTRAINT [UQ_Reward_Name] UNIQUE ([CommunityId], [Name]);
GO

ALTER TABLE [dbo].[Redemption] ADD CONSTRAINT [UQ_Redemption_IdempotencyKey] UNIQUE ([IdempotencyKey]);
GO

ALTER TABLE [dbo].[Redemption] ADD CONSTRAINT [CK_Redemption_Status] CHECK ([Status] IN (N'Pending', N'Fulfilled'));
GO

ALTER TABLE [dbo].[ResidentTask] ADD CONSTRAINT [CK_ResidentTask_Source] CHECK ([Source] IN (N'GridVisit', N'Snapshot', N'Deliberation', N'Hotline', N'WalkIn'));
GO

ALTER TABLE [dbo].[ResidentTask] ADD CONSTRAINT [CK_ResidentTask_Urgency] CHECK ([Urgency] IS NULL OR [Urgency] IN (N'Urgent', N'High', N'Normal'));
GO

ALTER TABLE [dbo].[ResidentTask] ADD CONSTRAINT [CK_ResidentTask_Stage] CHECK ([Stage] IN (N'Collected', N'Identified', N'Assigned', N'Resolved', N'Closed'));
GO

ALTER TABLE [dbo].[ResidentTask] ADD CONSTRAINT [CK_ResidentTask_Satisfaction] CHECK ([Satisfaction] IS NULL OR [Satisfaction] IN (N'Satisfied', N'Basic', N'Dissatisfied'));
GO

ALTER TABLE [dbo].[ResidentTask] ADD CONSTRAINT [CK_ResidentTask_Closed] CHECK (([Stage] = N'Closed' AND [ClosedAt] IS NOT NULL) OR ([Stage] <> N'Closed' AND [ClosedAt] IS NULL));
GO

ALTER TABLE [dbo].[TaskStageHistory] ADD CONSTRAINT [CK_TaskStageHistory_ToStage] CHECK ([ToStage] IN (N'Collected', N'Identified', N'Assigned', N'Resolved', N'Closed'));
GO

ALTER TABLE [dbo].[TaskStageHistory] ADD CONSTRAINT [CK_TaskStageHistory_FromStage] CHECK ([FromStage] IS NULL OR [FromStage] IN (N'Collected', N'Identified', N'Assigned', N'Resolved', N'Closed'));
GO

ALTER TABLE [dbo].[MicroWish] ADD CONSTRAINT [CK_MicroWish_WisherKind] CHECK ([WisherKind] IN (N'Elderly', N'Child', N'Other'));
GO

ALTER TABLE [dbo].[MicroWish] ADD CONSTRAINT [CK_MicroWish_Status] CHECK ([Status] IN (N'Published', N'Claimed', N'Fulfilled', N'Visited'));
GO

ALTER TABLE [dbo].[MicroWish] ADD CONSTRAINT [CK_MicroWish_ClaimantKind] CHECK ([ClaimantKind] IS NULL OR [ClaimantKind] IN (N'Member', N'Team', N'Partner'));
GO

ALTER TABLE [dbo].[MicroWish] ADD CONSTRAINT [CK_MicroWish_Claimed] CHECK (([Status] = N'Published' AND [ClaimantKind] IS NULL AND [ClaimedAt] IS NULL) OR ([Status] <> N'Published' AND [ClaimantKind] IS NOT NULL AND [ClaimedAt] IS NOT NULL));
GO

ALTER TABLE [dbo].[MicroWish] ADD CONSTRAINT [CK_MicroWish_Fulfilled] CHECK (([Status] IN (N'Fulfilled', N'Visited') AND [FulfilledAt] IS NOT NULL) OR ([Status] IN (N'Published', N'Claimed') AND [FulfilledAt] IS NULL));
GO

ALTER TABLE [dbo].[WishStatusHistory] ADD CONSTRAINT [CK_WishStatusHistory_ToStatus] CHECK ([ToStatus] IN (N'Published', N'Claimed', N'Fulfilled', N'Visited'));
GO

ALTER TABLE [dbo].[PointEntry] ADD CONSTRAINT [CK_PointEntry_Source] CHECK ([Source] IN (N'Service', N'Activity', N'Task', N'Wish', N'Redemption', N'Correction'));
GO

ALTER TABLE [dbo].[Evaluation] ADD CONSTRAINT [CK_Evaluation_Status] CHECK ([Status] IN (N'Draft', N'Publicised', N'Archived'));
GO

CREATE INDEX [IX_Member_Phone] ON [dbo].[Member] ([Phone]) WHERE [Phone] IS NOT NULL;
GO

CREATE UNIQUE INDEX [UX_Membership_ActiveLead] ON [dbo].[Membership] ([TeamId]) WHERE [LeftOn] IS NULL AND [Role] = N'Lead';
GO

CREATE INDEX [IX_Membership_TeamId] ON [dbo].[Membership] ([TeamId], [LeftOn]) INCLUDE ([MemberId], [Role], [JoinedOn]);
GO

CREATE INDEX [IX_AuditLog_Entity] ON [dbo].[AuditLog] ([EntityType], [EntityId]);
GO

CREATE INDEX [IX_ResidentTask_CollectedAt] ON [dbo].[ResidentTask] ([CollectedAt]) INCLUDE ([Stage], [GridId]);
GO

CREATE INDEX [IX_ResidentTask_GridId_Stage] ON [dbo].[ResidentTask] ([GridId], [Stage]);
GO

CREATE INDEX [IX_ResidentTask_DueAt] ON [dbo].[ResidentTask] ([DueAt]) INCLUDE ([Stage], [GridId]);
GO

CREATE INDEX [IX_ResidentTask_GridId_ClosedMonth] ON [dbo].[ResidentTask] ([GridId], [ClosedMonth]) INCLUDE ([Stage]);
GO

CREATE INDEX [IX_TaskStageHistory_ChangedMonth] ON [dbo].[TaskStageHistory] ([ChangedMonth], [ToStage]) INCLUDE ([TaskId], [FromStage]);
GO

CREATE INDEX [IX_TaskStageHistory_TaskId_ToStage] ON [dbo].[TaskStageHistory] ([TaskId], [ToStage], [ChangedMonth]) INCLUDE ([FromStage]);
GO

CREATE INDEX [IX_MicroWish_PublishedAt] ON [dbo].[MicroWish] ([PublishedAt]) INCLUDE ([Status], [GridId]);
GO

CREATE INDEX [IX_MicroWish_GridId_FulfilledMonth] ON [dbo].[MicroWish] ([GridId], [FulfilledMonth]) INCLUDE ([Status]);
GO

CREATE UNIQUE INDEX [UX_PointEntry_ActivityMember] ON [dbo].[PointEntry] ([ActivityId], [MemberId]) WHERE [ActivityId] IS NOT NULL AND [Source] = N'Activity';
GO

CREATE UNIQUE INDEX [UX_PointEntry_TaskMember] ON [dbo].[PointEntry] ([TaskId], [MemberId]) WHERE [TaskId] IS NOT NULL AND [Source] = N'Task';
GO

CREATE UNIQUE INDEX [UX_PointEntry_WishMember] ON [dbo].[PointEntry] ([WishId], [MemberId]) WHERE [WishId] IS NOT NULL AND [Source] = N'Wish';
GO

CREATE INDEX [IX_PointEntry_MemberId] ON [dbo].[PointEntry] ([MemberId], [OccurredOn]) INCLUDE ([CategoryId], [Points], [Source]);
GO
