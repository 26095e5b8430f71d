-- Baihe schema v1: the whole domain of shared/DOMAIN.md, so later work adds behaviour, not tables.
-- The SQLite twin (database/sqlite/0001_Schema.sql) declares the same tables and columns;
-- Baihe.Tests checks that parity by parsing this file with ScriptDom.
-- Codes stored in CHECK constraints are English; the UI maps them to Chinese labels.

-- Places ------------------------------------------------------------------------------------------

CREATE TABLE [dbo].[SubDistrict] (
    [Id]        INT           IDENTITY (1, 1) NOT NULL,
    [Name]      NVARCHAR (50) NOT NULL,
    [District]  NVARCHAR (50) NOT NULL,
    [City]      NVARCHAR (50) NOT NULL,
    CONSTRAINT [PK_SubDistrict] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [UQ_SubDistrict_Name] UNIQUE ([City], [District], [Name])
);
GO

CREATE TABLE [dbo].[Community] (
    [Id]            INT            IDENTITY (1, 1) NOT NULL,
    [SubDistrictId] INT            NOT NULL,
    [Name]          NVARCHAR (50)  NOT NULL,
    [Description]   NVARCHAR (500) NULL,
    CONSTRAINT [PK_Community] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Community_SubDistrict] FOREIGN KEY ([SubDistrictId]) REFERENCES [dbo].[SubDistrict] ([Id]),
    CONSTRAINT [UQ_Community_Name] UNIQUE ([SubDistrictId], [Name])
);
GO

CREATE TABLE [dbo].[CommunityHonour] (
    [Id]          INT            IDENTITY (1, 1) NOT NULL,
    [CommunityId] INT            NOT NULL,
    [Title]       NVARCHAR (100) NOT NULL,
    [SortOrder]   INT            NOT NULL,
    CONSTRAINT [PK_CommunityHonour] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_CommunityHonour_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [UQ_CommunityHonour_Title] UNIQUE ([CommunityId], [Title])
);
GO

CREATE TABLE [dbo].[Grid] (
    [Id]          INT           IDENTITY (1, 1) NOT NULL,
    [CommunityId] INT           NOT NULL,
    [Name]        NVARCHAR (50) NOT NULL,
    [SortOrder]   INT           NOT NULL,
    CONSTRAINT [PK_Grid] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Grid_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [UQ_Grid_Name] UNIQUE ([CommunityId], [Name])
);
GO

CREATE TABLE [dbo].[PartnerUnit] (
    [Id]          INT            IDENTITY (1, 1) NOT NULL,
    [CommunityId] INT            NOT NULL,
    [Name]        NVARCHAR (100) NOT NULL,
    CONSTRAINT [PK_PartnerUnit] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_PartnerUnit_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [UQ_PartnerUnit_Name] UNIQUE ([CommunityId], [Name])
);
GO

-- Brand matrix and teams --------------------------------------------------------------------------

CREATE TABLE [dbo].[Brand] (
    [Id]            INT            IDENTITY (1, 1) NOT NULL,
    [ParentBrandId] INT            NULL,
    [Name]          NVARCHAR (50)  NOT NULL,
    [Description]   NVARCHAR (500) NULL,
    [SortOrder]     INT            NOT NULL,
    CONSTRAINT [PK_Brand] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Brand_ParentBrand] FOREIGN KEY ([ParentBrandId]) REFERENCES [dbo].[Brand] ([Id]),
    CONSTRAINT [UQ_Brand_Name] UNIQUE ([Name]),
    CONSTRAINT [CK_Brand_NotOwnParent] CHECK ([ParentBrandId] IS NULL OR [ParentBrandId] <> [Id])
);
GO

CREATE TABLE [dbo].[Team] (
    [Id]          INT            IDENTITY (1, 1) NOT NULL,
    [CommunityId] INT            NOT NULL,
    [BrandId]     INT            NOT NULL,
    [Name]        NVARCHAR (50)  NOT NULL,
    [Kind]        VARCHAR (20)   NOT NULL,
    [Description] NVARCHAR (500) NULL,
    [IsSample]    BIT            CONSTRAINT [DF_Team_IsSample] DEFAULT (0) NOT NULL,
    [SortOrder]   INT            NOT NULL,
    [RowVersion]  ROWVERSION     NOT NULL,
    CONSTRAINT [PK_Team] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Team_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [FK_Team_Brand] FOREIGN KEY ([BrandId]) REFERENCES [dbo].[Brand] ([Id]),
    CONSTRAINT [UQ_Team_Name] UNIQUE ([CommunityId], [Name]),
    CONSTRAINT [CK_Team_Kind] CHECK ([Kind] IN ('VolunteerService', 'InterestGroup'))
);
GO

CREATE INDEX [IX_Team_BrandId] ON [dbo].[Team] ([BrandId]);
GO

-- Residents and rosters ---------------------------------------------------------------------------

CREATE TABLE [dbo].[Member] (
    [Id]              INT           IDENTITY (1, 1) NOT NULL,
    [GridId]          INT           NOT NULL,
    [Name]            NVARCHAR (20) NOT NULL,
    [Phone]           VARCHAR (11)  NULL,
    [IsPartyMember]   BIT           CONSTRAINT [DF_Member_IsPartyMember] DEFAULT (0) NOT NULL,
    [IsRetiredSoe]    BIT           CONSTRAINT [DF_Member_IsRetiredSoe] DEFAULT (0) NOT NULL,
    [IsNeighbourLead] BIT           CONSTRAINT [DF_Member_IsNeighbourLead] DEFAULT (0) NOT NULL,
    [Skill]           NVARCHAR (50) NULL,
    [IsSample]        BIT           CONSTRAINT [DF_Member_IsSample] DEFAULT (0) NOT NULL,
    [CreatedAt]       DATETIME2 (0) NOT NULL,
    [RowVersion]      ROWVERSION    NOT NULL,
    CONSTRAINT [PK_Member] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Member_Grid] FOREIGN KEY ([GridId]) REFERENCES [dbo].[Grid] ([Id]),
    CONSTRAINT [CK_Member_Name] CHECK (LEN([Name]) > 0),
    CONSTRAINT [CK_Member_Phone] CHECK ([Phone] IS NULL OR (LEN([Phone]) = 11 AND [Phone] NOT LIKE '%[^0-9]%' AND [Phone] LIKE '1%'))
);
GO

CREATE INDEX [IX_Member_GridId] ON [dbo].[Member] ([GridId]) INCLUDE ([IsNeighbourLead]);
GO

CREATE INDEX [IX_Member_Phone] ON [dbo].[Member] ([Phone]) WHERE [Phone] IS NOT NULL;
GO

CREATE TABLE [dbo].[Membership] (
    [Id]          INT            IDENTITY (1, 1) NOT NULL,
    [TeamId]      INT            NOT NULL,
    [MemberId]    INT            NOT NULL,
    [Role]        VARCHAR (10)   NOT NULL,
    [JoinedOn]    DATE           NOT NULL,
    [LeftOn]      DATE           NULL,
    [LeaveReason] NVARCHAR (200) NULL,
    [RowVersion]  ROWVERSION     NOT NULL,
    CONSTRAINT [PK_Membership] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Membership_Team] FOREIGN KEY ([TeamId]) REFERENCES [dbo].[Team] ([Id]),
    CONSTRAINT [FK_Membership_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [CK_Membership_Role] CHECK ([Role] IN ('Lead', 'Deputy', 'Member')),
    CONSTRAINT [CK_Membership_LeftAfterJoined] CHECK ([LeftOn] IS NULL OR [LeftOn] >= [JoinedOn])
);
GO

-- One active membership per member per team; history rows (LeftOn set) may repeat.
CREATE UNIQUE INDEX [UX_Membership_Active] ON [dbo].[Membership] ([TeamId], [MemberId]) WHERE [LeftOn] IS NULL;
GO

-- At most one active 队长 per team.
CREATE UNIQUE INDEX [UX_Membership_ActiveLead] ON [dbo].[Membership] ([TeamId]) WHERE [LeftOn] IS NULL AND [Role] = 'Lead';
GO

CREATE INDEX [IX_Membership_MemberId] ON [dbo].[Membership] ([MemberId]) INCLUDE ([TeamId], [LeftOn]);
GO

-- Users, audit and change feed --------------------------------------------------------------------

CREATE TABLE [dbo].[AppUser] (
    [Id]             INT            IDENTITY (1, 1) NOT NULL,
    [UserName]       VARCHAR (50)   NOT NULL,
    [DisplayName]    NVARCHAR (20)  NOT NULL,
    [PasswordHash]   VARCHAR (200)  NOT NULL,
    [Role]           VARCHAR (20)   NOT NULL,
    [SubDistrictId]  INT            NULL,
    [CommunityId]    INT            NULL,
    [TeamId]         INT            NULL,
    [IsDisabled]     BIT            CONSTRAINT [DF_AppUser_IsDisabled] DEFAULT (0) NOT NULL,
    [IsDemo]         BIT            CONSTRAINT [DF_AppUser_IsDemo] DEFAULT (0) NOT NULL,
    [FailedSignIns]  INT            CONSTRAINT [DF_AppUser_FailedSignIns] DEFAULT (0) NOT NULL,
    [LockedUntil]    DATETIME2 (0)  NULL,
    [SecurityStamp]  VARCHAR (40)   NOT NULL,
    [CreatedAt]      DATETIME2 (0)  NOT NULL,
    [RowVersion]     ROWVERSION     NOT NULL,
    CONSTRAINT [PK_AppUser] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_AppUser_SubDistrict] FOREIGN KEY ([SubDistrictId]) REFERENCES [dbo].[SubDistrict] ([Id]),
    CONSTRAINT [FK_AppUser_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [FK_AppUser_Team] FOREIGN KEY ([TeamId]) REFERENCES [dbo].[Team] ([Id]),
    CONSTRAINT [UQ_AppUser_UserName] UNIQUE ([UserName]),
    CONSTRAINT [CK_AppUser_Role] CHECK ([Role] IN ('Official', 'Secretary', 'Lead', 'Admin')),
    CONSTRAINT [CK_AppUser_FailedSignIns] CHECK ([FailedSignIns] >= 0)
);
GO

CREATE TABLE [dbo].[AuditLog] (
    [Id]         BIGINT         IDENTITY (1, 1) NOT NULL,
    [OccurredAt] DATETIME2 (3)  NOT NULL,
    [UserId]     INT            NULL,
    [UserName]   VARCHAR (50)   NOT NULL,
    [Action]     VARCHAR (50)   NOT NULL,
    [EntityType] VARCHAR (50)   NOT NULL,
    [EntityId]   VARCHAR (50)   NULL,
    [BeforeJson] NVARCHAR (MAX) NULL,
    [AfterJson]  NVARCHAR (MAX) NULL,
    CONSTRAINT [PK_AuditLog] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_AuditLog_AppUser] FOREIGN KEY ([UserId]) REFERENCES [dbo].[AppUser] ([Id])
);
GO

CREATE INDEX [IX_AuditLog_OccurredAt] ON [dbo].[AuditLog] ([OccurredAt]);
GO

-- One row per area; every write transaction bumps its area's version so every server can poll one row.
CREATE TABLE [dbo].[ChangeVersion] (
    [Area]      VARCHAR (20)  NOT NULL,
    [Version]   BIGINT        NOT NULL,
    [ChangedAt] DATETIME2 (3) NOT NULL,
    CONSTRAINT [PK_ChangeVersion] PRIMARY KEY CLUSTERED ([Area]),
    CONSTRAINT [CK_ChangeVersion_Area] CHECK ([Area] IN ('Roster', 'Points', 'Tasks', 'Wishes'))
);
GO

-- Points ------------------------------------------------------------------------------------------

CREATE TABLE [dbo].[PointCategory] (
    [Id]        INT           NOT NULL,
    [Code]      VARCHAR (30)  NOT NULL,
    [Name]      NVARCHAR (10) NOT NULL,
    [SortOrder] INT           NOT NULL,
    CONSTRAINT [PK_PointCategory] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [UQ_PointCategory_Code] UNIQUE ([Code]),
    CONSTRAINT [UQ_PointCategory_Name] UNIQUE ([Name])
);
GO

-- Earning rules are data: an entry records the rule it used, so changing a rule never rewrites history.
CREATE TABLE [dbo].[PointRule] (
    [Id]         INT            IDENTITY (1, 1) NOT NULL,
    [Code]       VARCHAR (30)   NOT NULL,
    [Name]       NVARCHAR (50)  NOT NULL,
    [Points]     INT            NOT NULL,
    [IsActive]   BIT            CONSTRAINT [DF_PointRule_IsActive] DEFAULT (1) NOT NULL,
    CONSTRAINT [PK_PointRule] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [UQ_PointRule_Code] UNIQUE ([Code]),
    CONSTRAINT [CK_PointRule_Points] CHECK ([Points] > 0)
);
GO

CREATE TABLE [dbo].[Activity] (
    [Id]                INT            IDENTITY (1, 1) NOT NULL,
    [TeamId]            INT            NOT NULL,
    [CategoryId]        INT            NOT NULL,
    [Title]             NVARCHAR (100) NOT NULL,
    [Place]             NVARCHAR (100) NOT NULL,
    [HeldOn]            DATE           NOT NULL,
    [PointsPerAttendee] INT            NOT NULL,
    [Status]            VARCHAR (10)   NOT NULL,
    [ClosedAt]          DATETIME2 (0)  NULL,
    [ClosedByUserId]    INT            NULL,
    [RowVersion]        ROWVERSION     NOT NULL,
    CONSTRAINT [PK_Activity] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Activity_Team] FOREIGN KEY ([TeamId]) REFERENCES [dbo].[Team] ([Id]),
    CONSTRAINT [FK_Activity_PointCategory] FOREIGN KEY ([CategoryId]) REFERENCES [dbo].[PointCategory] ([Id]),
    CONSTRAINT [FK_Activity_AppUser] FOREIGN KEY ([ClosedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_Activity_Points] CHECK ([PointsPerAttendee] > 0),
    CONSTRAINT [CK_Activity_Status] CHECK ([Status] IN ('Open', 'Closed')),
    CONSTRAINT [CK_Activity_ClosedAt] CHECK (([Status] = 'Open' AND [ClosedAt] IS NULL) OR ([Status] = 'Closed' AND [ClosedAt] IS NOT NULL))
);
GO

CREATE INDEX [IX_Activity_HeldOn] ON [dbo].[Activity] ([HeldOn]) INCLUDE ([TeamId]);
GO

CREATE TABLE [dbo].[Attendance] (
    [ActivityId] INT NOT NULL,
    [MemberId]   INT NOT NULL,
    [IsWalkIn]   BIT CONSTRAINT [DF_Attendance_IsWalkIn] DEFAULT (0) NOT NULL,
    CONSTRAINT [PK_Attendance] PRIMARY KEY CLUSTERED ([ActivityId], [MemberId]),
    CONSTRAINT [FK_Attendance_Activity] FOREIGN KEY ([ActivityId]) REFERENCES [dbo].[Activity] ([Id]),
    CONSTRAINT [FK_Attendance_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id])
);
GO

CREATE TABLE [dbo].[Reward] (
    [Id]          INT            IDENTITY (1, 1) NOT NULL,
    [CommunityId] INT            NOT NULL,
    [Name]        NVARCHAR (50)  NOT NULL,
    [PointCost]   INT            NOT NULL,
    [IsActive]    BIT            CONSTRAINT [DF_Reward_IsActive] DEFAULT (1) NOT NULL,
    [Description] NVARCHAR (200) NULL,
    [RowVersion]  ROWVERSION     NOT NULL,
    CONSTRAINT [PK_Reward] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Reward_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [UQ_Reward_Name] UNIQUE ([CommunityId], [Name]),
    CONSTRAINT [CK_Reward_PointCost] CHECK ([PointCost] > 0)
);
GO

CREATE TABLE [dbo].[Redemption] (
    [Id]               INT           IDENTITY (1, 1) NOT NULL,
    [MemberId]         INT           NOT NULL,
    [RewardId]         INT           NOT NULL,
    [Points]           INT           NOT NULL,
    [IdempotencyKey]   VARCHAR (64)  NOT NULL,
    [Status]           VARCHAR (10)  NOT NULL,
    [RequestedAt]      DATETIME2 (0) NOT NULL,
    [FulfilledAt]      DATETIME2 (0) NULL,
    [RecordedByUserId] INT           NULL,
    CONSTRAINT [PK_Redemption] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Redemption_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [FK_Redemption_Reward] FOREIGN KEY ([RewardId]) REFERENCES [dbo].[Reward] ([Id]),
    CONSTRAINT [FK_Redemption_AppUser] FOREIGN KEY ([RecordedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [UQ_Redemption_IdempotencyKey] UNIQUE ([IdempotencyKey]),
    CONSTRAINT [CK_Redemption_Points] CHECK ([Points] > 0),
    CONSTRAINT [CK_Redemption_Status] CHECK ([Status] IN ('Pending', 'Fulfilled'))
);
GO

-- Tasks, wishes and deliberation ------------------------------------------------------------------

CREATE TABLE [dbo].[Deliberation] (
    [Id]          INT             IDENTITY (1, 1) NOT NULL,
    [CommunityId] INT             NOT NULL,
    [HeldOn]      DATE            NOT NULL,
    [Topic]       NVARCHAR (100)  NOT NULL,
    [NeedsRaised] NVARCHAR (1000) NOT NULL,
    [Decisions]   NVARCHAR (1000) NULL,
    CONSTRAINT [PK_Deliberation] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Deliberation_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id])
);
GO

CREATE TABLE [dbo].[DeliberationAttendee] (
    [DeliberationId] INT NOT NULL,
    [MemberId]       INT NOT NULL,
    CONSTRAINT [PK_DeliberationAttendee] PRIMARY KEY CLUSTERED ([DeliberationId], [MemberId]),
    CONSTRAINT [FK_DeliberationAttendee_Deliberation] FOREIGN KEY ([DeliberationId]) REFERENCES [dbo].[Deliberation] ([Id]),
    CONSTRAINT [FK_DeliberationAttendee_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id])
);
GO

-- 民呼我应: Collected (收集信息) → Identified (发现问题) → Assigned (分办任务) → Resolved (反馈结果, awaiting the
-- resident's confirmation) → Closed (办结: resolved and confirmed). Only Closed counts as done.
CREATE TABLE [dbo].[ResidentTask] (
    [Id]                INT             IDENTITY (1, 1) NOT NULL,
    [GridId]            INT             NOT NULL,
    [ResidentId]        INT             NULL,
    [Title]             NVARCHAR (100)  NOT NULL,
    [Description]       NVARCHAR (1000) NOT NULL,
    [Category]          NVARCHAR (20)   NOT NULL,
    [Source]            VARCHAR (20)    NOT NULL,
    [Urgency]           VARCHAR (10)    NULL,
    [Stage]             VARCHAR (20)    NOT NULL,
    [AssignedTeamId]    INT             NULL,
    [DeliberationId]    INT             NULL,
    [CollectedAt]       DATETIME2 (0)   NOT NULL,
    [DueAt]             DATETIME2 (0)   NULL,
    [ClosedAt]          DATETIME2 (0)   NULL,
    [ClosedMonth]       AS (YEAR([ClosedAt]) * 100 + MONTH([ClosedAt])) PERSISTED,
    [Resolution]        NVARCHAR (1000) NULL,
    [Satisfaction]      VARCHAR (20)    NULL,
    [PhotoPath]         NVARCHAR (200)  NULL,
    [CreatedByUserId]   INT             NULL,
    [RowVersion]        ROWVERSION      NOT NULL,
    CONSTRAINT [PK_ResidentTask] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_ResidentTask_Grid] FOREIGN KEY ([GridId]) REFERENCES [dbo].[Grid] ([Id]),
    CONSTRAINT [FK_ResidentTask_Member] FOREIGN KEY ([ResidentId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [FK_ResidentTask_Team] FOREIGN KEY ([AssignedTeamId]) REFERENCES [dbo].[Team] ([Id]),
    CONSTRAINT [FK_ResidentTask_Deliberation] FOREIGN KEY ([DeliberationId]) REFERENCES [dbo].[Deliberation] ([Id]),
    CONSTRAINT [FK_ResidentTask_AppUser] FOREIGN KEY ([CreatedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_ResidentTask_Source] CHECK ([Source] IN ('GridVisit', 'Snapshot', 'Deliberation', 'Hotline', 'WalkIn')),
    CONSTRAINT [CK_ResidentTask_Urgency] CHECK ([Urgency] IS NULL OR [Urgency] IN ('Urgent', 'High', 'Normal')),
    CONSTRAINT [CK_ResidentTask_Stage] CHECK ([Stage] IN ('Collected', 'Identified', 'Assigned', 'Resolved', 'Closed')),
    CONSTRAINT [CK_ResidentTask_Satisfaction] CHECK ([Satisfaction] IS NULL OR [Satisfaction] IN ('Satisfied', 'Basic', 'Dissatisfied')),
    CONSTRAINT [CK_ResidentTask_Closed] CHECK (([Stage] = 'Closed' AND [ClosedAt] IS NOT NULL) OR ([Stage] <> 'Closed' AND [ClosedAt] IS NULL))
);
GO

-- Not a filtered index: SQL Server refuses a filter on a computed column.
CREATE INDEX [IX_ResidentTask_ClosedMonth] ON [dbo].[ResidentTask] ([ClosedMonth]) INCLUDE ([GridId]);
GO

CREATE INDEX [IX_ResidentTask_CollectedAt] ON [dbo].[ResidentTask] ([CollectedAt]) INCLUDE ([Stage], [GridId]);
GO

CREATE INDEX [IX_ResidentTask_GridId_Stage] ON [dbo].[ResidentTask] ([GridId], [Stage]);
GO

CREATE TABLE [dbo].[TaskAssignee] (
    [TaskId]   INT NOT NULL,
    [MemberId] INT NOT NULL,
    CONSTRAINT [PK_TaskAssignee] PRIMARY KEY CLUSTERED ([TaskId], [MemberId]),
    CONSTRAINT [FK_TaskAssignee_ResidentTask] FOREIGN KEY ([TaskId]) REFERENCES [dbo].[ResidentTask] ([Id]),
    CONSTRAINT [FK_TaskAssignee_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id])
);
GO

CREATE TABLE [dbo].[TaskStageHistory] (
    [Id]              INT            IDENTITY (1, 1) NOT NULL,
    [TaskId]          INT            NOT NULL,
    [FromStage]       VARCHAR (20)   NULL,
    [ToStage]         VARCHAR (20)   NOT NULL,
    [ChangedAt]       DATETIME2 (0)  NOT NULL,
    [ChangedByUserId] INT            NULL,
    [Note]            NVARCHAR (500) NULL,
    CONSTRAINT [PK_TaskStageHistory] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_TaskStageHistory_ResidentTask] FOREIGN KEY ([TaskId]) REFERENCES [dbo].[ResidentTask] ([Id]),
    CONSTRAINT [FK_TaskStageHistory_AppUser] FOREIGN KEY ([ChangedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_TaskStageHistory_ToStage] CHECK ([ToStage] IN ('Collected', 'Identified', 'Assigned', 'Resolved', 'Closed')),
    CONSTRAINT [CK_TaskStageHistory_FromStage] CHECK ([FromStage] IS NULL OR [FromStage] IN ('Collected', 'Identified', 'Assigned', 'Resolved', 'Closed'))
);
GO

CREATE INDEX [IX_TaskStageHistory_TaskId] ON [dbo].[TaskStageHistory] ([TaskId], [ChangedAt]);
GO

-- 微心愿: Published (发布) → Claimed (认领) → Fulfilled (完成) → Visited (回访). Fulfilled and Visited count as fulfilled.
CREATE TABLE [dbo].[MicroWish] (
    [Id]                INT            IDENTITY (1, 1) NOT NULL,
    [GridId]            INT            NOT NULL,
    [WisherName]        NVARCHAR (20)  NOT NULL,
    [WisherKind]        VARCHAR (10)   NOT NULL,
    [WisherMemberId]    INT            NULL,
    [Content]           NVARCHAR (200) NOT NULL,
    [EstimatedValue]    INT            NULL,
    [Status]            VARCHAR (10)   NOT NULL,
    [PublishedAt]       DATETIME2 (0)  NOT NULL,
    [ClaimedAt]         DATETIME2 (0)  NULL,
    [ClaimantKind]      VARCHAR (10)   NULL,
    [ClaimedByMemberId] INT            NULL,
    [ClaimedByTeamId]   INT            NULL,
    [ClaimedByPartnerId] INT           NULL,
    [FulfilledAt]       DATETIME2 (0)  NULL,
    [FulfilledMonth]    AS (YEAR([FulfilledAt]) * 100 + MONTH([FulfilledAt])) PERSISTED,
    [FulfilmentNote]    NVARCHAR (500) NULL,
    [PhotoPath]         NVARCHAR (200) NULL,
    [CreatedByUserId]   INT            NULL,
    [RowVersion]        ROWVERSION     NOT NULL,
    CONSTRAINT [PK_MicroWish] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_MicroWish_Grid] FOREIGN KEY ([GridId]) REFERENCES [dbo].[Grid] ([Id]),
    CONSTRAINT [FK_MicroWish_WisherMember] FOREIGN KEY ([WisherMemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [FK_MicroWish_ClaimedByMember] FOREIGN KEY ([ClaimedByMemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [FK_MicroWish_ClaimedByTeam] FOREIGN KEY ([ClaimedByTeamId]) REFERENCES [dbo].[Team] ([Id]),
    CONSTRAINT [FK_MicroWish_ClaimedByPartner] FOREIGN KEY ([ClaimedByPartnerId]) REFERENCES [dbo].[PartnerUnit] ([Id]),
    CONSTRAINT [FK_MicroWish_AppUser] FOREIGN KEY ([CreatedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_MicroWish_WisherKind] CHECK ([WisherKind] IN ('Elderly', 'Child', 'Other')),
    CONSTRAINT [CK_MicroWish_Status] CHECK ([Status] IN ('Published', 'Claimed', 'Fulfilled', 'Visited')),
    CONSTRAINT [CK_MicroWish_EstimatedValue] CHECK ([EstimatedValue] IS NULL OR [EstimatedValue] >= 0),
    CONSTRAINT [CK_MicroWish_ClaimantKind] CHECK ([ClaimantKind] IS NULL OR [ClaimantKind] IN ('Member', 'Team', 'Partner')),
    CONSTRAINT [CK_MicroWish_Claimed] CHECK (([Status] = 'Published' AND [ClaimantKind] IS NULL AND [ClaimedAt] IS NULL) OR ([Status] <> 'Published' AND [ClaimantKind] IS NOT NULL AND [ClaimedAt] IS NOT NULL)),
    CONSTRAINT [CK_MicroWish_Fulfilled] CHECK (([Status] IN ('Fulfilled', 'Visited') AND [FulfilledAt] IS NOT NULL) OR ([Status] IN ('Published', 'Claimed') AND [FulfilledAt] IS NULL))
);
GO

CREATE INDEX [IX_MicroWish_FulfilledMonth] ON [dbo].[MicroWish] ([FulfilledMonth]) INCLUDE ([GridId]);
GO

CREATE INDEX [IX_MicroWish_PublishedAt] ON [dbo].[MicroWish] ([PublishedAt]) INCLUDE ([Status], [GridId]);
GO

CREATE TABLE [dbo].[WishStatusHistory] (
    [Id]              INT            IDENTITY (1, 1) NOT NULL,
    [WishId]          INT            NOT NULL,
    [FromStatus]      VARCHAR (10)   NULL,
    [ToStatus]        VARCHAR (10)   NOT NULL,
    [ChangedAt]       DATETIME2 (0)  NOT NULL,
    [ChangedByUserId] INT            NULL,
    [Note]            NVARCHAR (500) NULL,
    CONSTRAINT [PK_WishStatusHistory] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_WishStatusHistory_MicroWish] FOREIGN KEY ([WishId]) REFERENCES [dbo].[MicroWish] ([Id]),
    CONSTRAINT [FK_WishStatusHistory_AppUser] FOREIGN KEY ([ChangedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_WishStatusHistory_ToStatus] CHECK ([ToStatus] IN ('Published', 'Claimed', 'Fulfilled', 'Visited'))
);
GO

CREATE INDEX [IX_WishStatusHistory_WishId] ON [dbo].[WishStatusHistory] ([WishId], [ChangedAt]);
GO

-- The ledger --------------------------------------------------------------------------------------

-- Append-only: corrections are reversing entries (ReversesEntryId), never updates or deletes.
CREATE TABLE [dbo].[PointEntry] (
    [Id]               BIGINT         IDENTITY (1, 1) NOT NULL,
    [MemberId]         INT            NOT NULL,
    [CategoryId]       INT            NOT NULL,
    [Points]           INT            NOT NULL,
    [OccurredOn]       DATE           NOT NULL,
    [Source]           VARCHAR (20)   NOT NULL,
    [RuleId]           INT            NULL,
    [ActivityId]       INT            NULL,
    [TaskId]           INT            NULL,
    [WishId]           INT            NULL,
    [RedemptionId]     INT            NULL,
    [ReversesEntryId]  BIGINT         NULL,
    [RecordedByUserId] INT            NULL,
    [RecordedAt]       DATETIME2 (0)  NOT NULL,
    [Note]             NVARCHAR (200) NULL,
    CONSTRAINT [PK_PointEntry] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_PointEntry_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [FK_PointEntry_PointCategory] FOREIGN KEY ([CategoryId]) REFERENCES [dbo].[PointCategory] ([Id]),
    CONSTRAINT [FK_PointEntry_PointRule] FOREIGN KEY ([RuleId]) REFERENCES [dbo].[PointRule] ([Id]),
    CONSTRAINT [FK_PointEntry_Activity] FOREIGN KEY ([ActivityId]) REFERENCES [dbo].[Activity] ([Id]),
    CONSTRAINT [FK_PointEntry_ResidentTask] FOREIGN KEY ([TaskId]) REFERENCES [dbo].[ResidentTask] ([Id]),
    CONSTRAINT [FK_PointEntry_MicroWish] FOREIGN KEY ([WishId]) REFERENCES [dbo].[MicroWish] ([Id]),
    CONSTRAINT [FK_PointEntry_Redemption] FOREIGN KEY ([RedemptionId]) REFERENCES [dbo].[Redemption] ([Id]),
    CONSTRAINT [FK_PointEntry_ReversesEntry] FOREIGN KEY ([ReversesEntryId]) REFERENCES [dbo].[PointEntry] ([Id]),
    CONSTRAINT [FK_PointEntry_AppUser] FOREIGN KEY ([RecordedByUserId]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [CK_PointEntry_Points] CHECK ([Points] <> 0),
    CONSTRAINT [CK_PointEntry_Source] CHECK ([Source] IN ('Service', 'Activity', 'Task', 'Wish', 'Redemption', 'Correction'))
);
GO

CREATE INDEX [IX_PointEntry_OccurredOn] ON [dbo].[PointEntry] ([OccurredOn]) INCLUDE ([CategoryId], [Points], [MemberId]);
GO

CREATE INDEX [IX_PointEntry_MemberId] ON [dbo].[PointEntry] ([MemberId], [OccurredOn]) INCLUDE ([CategoryId], [Points]);
GO

-- One close of an event writes one entry per attendee, never two.
CREATE UNIQUE INDEX [UX_PointEntry_ActivityMember] ON [dbo].[PointEntry] ([ActivityId], [MemberId]) WHERE [ActivityId] IS NOT NULL AND [Source] = 'Activity';
GO

-- The ledger is append-only in the database too, not only in the app.
CREATE TRIGGER [dbo].[TR_PointEntry_AppendOnly] ON [dbo].[PointEntry]
AFTER UPDATE, DELETE
AS
BEGIN
    SET NOCOUNT ON;
    THROW 51000, N'积分流水只能追加，不能修改或删除。', 1;
END;
GO

CREATE TABLE [dbo].[Evaluation] (
    [Id]              INT           IDENTITY (1, 1) NOT NULL,
    [CommunityId]     INT           NOT NULL,
    [Year]            INT           NOT NULL,
    [Half]            TINYINT       NOT NULL,
    [CategoryId]      INT           NULL,
    [ShortlistSize]   INT           NOT NULL,
    [Status]          VARCHAR (12)  NOT NULL,
    [PublicityEndsOn] DATE          NULL,
    [ArchivedAt]      DATETIME2 (0) NULL,
    [RowVersion]      ROWVERSION    NOT NULL,
    CONSTRAINT [PK_Evaluation] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_Evaluation_Community] FOREIGN KEY ([CommunityId]) REFERENCES [dbo].[Community] ([Id]),
    CONSTRAINT [FK_Evaluation_PointCategory] FOREIGN KEY ([CategoryId]) REFERENCES [dbo].[PointCategory] ([Id]),
    CONSTRAINT [CK_Evaluation_Half] CHECK ([Half] IN (1, 2)),
    CONSTRAINT [CK_Evaluation_ShortlistSize] CHECK ([ShortlistSize] > 0),
    CONSTRAINT [CK_Evaluation_Status] CHECK ([Status] IN ('Draft', 'Publicised', 'Archived'))
);
GO

CREATE TABLE [dbo].[EvaluationResult] (
    [EvaluationId] INT NOT NULL,
    [MemberId]     INT NOT NULL,
    [Rank]         INT NOT NULL,
    [Points]       INT NOT NULL,
    [IsWinner]     BIT CONSTRAINT [DF_EvaluationResult_IsWinner] DEFAULT (0) NOT NULL,
    CONSTRAINT [PK_EvaluationResult] PRIMARY KEY CLUSTERED ([EvaluationId], [MemberId]),
    CONSTRAINT [FK_EvaluationResult_Evaluation] FOREIGN KEY ([EvaluationId]) REFERENCES [dbo].[Evaluation] ([Id]),
    CONSTRAINT [FK_EvaluationResult_Member] FOREIGN KEY ([MemberId]) REFERENCES [dbo].[Member] ([Id]),
    CONSTRAINT [CK_EvaluationResult_Rank] CHECK ([Rank] > 0)
);
GO

-- Reference data ----------------------------------------------------------------------------------

INSERT INTO [dbo].[PointCategory] ([Id], [Code], [Name], [SortOrder]) VALUES
    (1, 'DemocraticBuilding', N'民主建设', 1),
    (2, 'CivilityCreation',   N'文明创建', 2),
    (3, 'NeighbourlyHelp',    N'邻里互助', 3),
    (4, 'SafeProduction',     N'安全生产', 4),
    (5, 'DisputeMediation',   N'调解纠纷', 5);
GO

INSERT INTO [dbo].[PointRule] ([Code], [Name], [Points], [IsActive]) VALUES
    ('PerService', N'一次一积分', 1, 1);
GO

INSERT INTO [dbo].[ChangeVersion] ([Area], [Version], [ChangedAt]) VALUES
    ('Roster', 0, SYSUTCDATETIME()),
    ('Points', 0, SYSUTCDATETIME()),
    ('Tasks',  0, SYSUTCDATETIME()),
    ('Wishes', 0, SYSUTCDATETIME());
GO
