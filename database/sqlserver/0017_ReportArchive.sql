-- The report archive and the monthly schedule.
--
-- ReportArchive keeps every generated monthly report (a community's, or a sub-district's roll-up when CommunityId is
-- NULL) with its bytes. The bytes live in the database because the app servers share nothing else: a file store would
-- need a shared disk, its own backup and its own permissions, and a row could point at a file another server never saw.
-- A month's report is 1-2 MB; VARBINARY(MAX) above 8,000 bytes is stored off-row, so the history list (which never
-- selects Content) reads only the small columns. Regenerating adds a version; old versions are kept.
--
-- The schedule runs once across all servers: a server takes the lease row (UPDATE ... WHERE LeaseUntil < now, and
-- checks that one row changed), records the month in ReportScheduleRun, and a report the schedule stored is unique per
-- community (or sub-district) and month, so even a server whose lease ran out mid-run cannot store a second one.

CREATE TABLE [dbo].[ReportArchive] (
    [Id]                INT             IDENTITY (1, 1) NOT NULL,
    [CommunityId]       INT             NULL,
    [SubDistrictId]     INT             NOT NULL,
    [Month]             NVARCHAR (7)    COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Version]           INT             NOT NULL,
    [IsScheduled]       BIT             NOT NULL,
    [GeneratedBy]       NVARCHAR (40)   COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [GeneratedByUserId] INT             NULL,
    [GeneratedAt]       DATETIME2 (0)   NOT NULL,
    [FileName]          NVARCHAR (100)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Sha256]            NVARCHAR (64)   COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [SizeBytes]         INT             NOT NULL,
    [DetailRows]        INT             NOT NULL,
    [Content]           VARBINARY (MAX) NOT NULL,
    CONSTRAINT [PK_ReportArchive] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_ReportArchive_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [FK_ReportArchive_SubDistrict] FOREIGN KEY ([SubDistrictId]) REFERENCES [dbo].[SubDistrict] ([Id]),
    CONSTRAINT [FK_ReportArchive_GeneratedByUserId] FOREIGN KEY ([GeneratedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_ReportArchive_Month] CHECK (LEN([Month]) = 7),
    CONSTRAINT [CK_ReportArchive_Version] CHECK ([Version] >= 1),
    CONSTRAINT [CK_ReportArchive_Sha256] CHECK (LEN([Sha256]) = 64),
    CONSTRAINT [CK_ReportArchive_SizeBytes] CHECK ([SizeBytes] > 0),
    CONSTRAINT [CK_ReportArchive_DetailRows] CHECK ([DetailRows] >= 0),
    CONSTRAINT [CK_ReportArchive_Scheduled] CHECK ([IsScheduled] = 0 OR [GeneratedByUserId] IS NULL)
);
GO

CREATE UNIQUE INDEX [UX_ReportArchive_CommunityVersion] ON [dbo].[ReportArchive] ([CommunityId], [Month], [Version]) WHERE [CommunityId] IS NOT NULL;
GO

CREATE UNIQUE INDEX [UX_ReportArchive_SubDistrictVersion] ON [dbo].[ReportArchive] ([SubDistrictId], [Month], [Version]) WHERE [CommunityId] IS NULL;
GO

CREATE UNIQUE INDEX [UX_ReportArchive_ScheduledCommunity] ON [dbo].[ReportArchive] ([CommunityId], [Month]) WHERE [IsScheduled] = 1 AND [CommunityId] IS NOT NULL;
GO

CREATE UNIQUE INDEX [UX_ReportArchive_ScheduledSubDistrict] ON [dbo].[ReportArchive] ([SubDistrictId], [Month]) WHERE [IsScheduled] = 1 AND [CommunityId] IS NULL;
GO

CREATE INDEX [IX_ReportArchive_SubDistrictId_Month] ON [dbo].[ReportArchive] ([SubDistrictId], [Month]) INCLUDE ([CommunityId], [Version]);
GO

CREATE TABLE [dbo].[ReportScheduleLease] (
    [Name]       NVARCHAR (40)  COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Holder]     NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [LeaseUntil] DATETIME2 (0)  NOT NULL,
    CONSTRAINT [PK_ReportScheduleLease] PRIMARY KEY CLUSTERED ([Name])
);
GO

INSERT INTO [dbo].[ReportScheduleLease] ([Name], [Holder], [LeaseUntil]) VALUES (N'MonthlyReports', NULL, '2000-01-01T00:00:00');
GO

CREATE TABLE [dbo].[ReportScheduleRun] (
    [Month]       NVARCHAR (7)   COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [Holder]      NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [StartedAt]   DATETIME2 (0)  NOT NULL,
    [CompletedAt] DATETIME2 (0)  NULL,
    [Reports]     INT            NOT NULL,
    CONSTRAINT [PK_ReportScheduleRun] PRIMARY KEY CLUSTERED ([Month]),
    CONSTRAINT [CK_ReportScheduleRun_Month] CHECK (LEN([Month]) = 7),
    CONSTRAINT [CK_ReportScheduleRun_Reports] CHECK ([Reports] >= 0)
);
GO
