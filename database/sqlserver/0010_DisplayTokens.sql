-- Display tokens for the big screen (大屏) of a 街道's command centre: a TV opens /screen?token=... without signing
-- in and shows its sub-district's aggregate figures. Only the SHA-256 of the token is stored (hex, 64 characters), so
-- a copy of the database does not open any screen; the token itself is shown once, when an administrator creates it.
-- Revoking sets RevokedAt and is final; LastSeenAt tells the administrator which screens are still in use.
-- A change-feed area 'Screens' lets a revocation reach open screens within a second.

CREATE TABLE [dbo].[DisplayToken] (
    [Id]            INT           IDENTITY (1, 1) NOT NULL,
    [SubDistrictId] INT           NOT NULL,
    [Name]          NVARCHAR (40) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [TokenHash]     NVARCHAR (64) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [CreatedBy]     INT           NOT NULL,
    [CreatedAt]     DATETIME2 (0) NOT NULL,
    [RevokedAt]     DATETIME2 (0) NULL,
    [RevokedBy]     INT           NULL,
    [LastSeenAt]    DATETIME2 (0) NULL,
    CONSTRAINT [PK_DisplayToken] PRIMARY KEY CLUSTERED ([Id]),
    CONSTRAINT [FK_DisplayToken_SubDistrict] FOREIGN KEY ([SubDistrictId]) REFERENCES [dbo].[SubDistrict] ([Id]),
    CONSTRAINT [FK_DisplayToken_CreatedBy] FOREIGN KEY ([CreatedBy]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [FK_DisplayToken_RevokedBy] FOREIGN KEY ([RevokedBy]) REFERENCES [dbo].[AppUser] ([Id]),
    CONSTRAINT [UQ_DisplayToken_TokenHash] UNIQUE ([TokenHash]),
    CONSTRAINT [CK_DisplayToken_TokenHash] CHECK (LEN([TokenHash]) = 64),
    CONSTRAINT [CK_DisplayToken_Revoked] CHECK (([RevokedAt] IS NULL AND [RevokedBy] IS NULL) OR [RevokedAt] IS NOT NULL)
);
GO

ALTER TABLE [dbo].[ChangeVersion] DROP CONSTRAINT [CK_ChangeVersion_Area];
GO

ALTER TABLE [dbo].[ChangeVersion] ADD CONSTRAINT [CK_ChangeVersion_Area] CHECK ([Area] IN (N'Roster', N'Points', N'Tasks', N'Wishes', N'Accounts', N'Screens'));
GO

INSERT INTO [dbo].[ChangeVersion] ([Area], [Version], [ChangedAt]) VALUES (N'Screens', 0, SYSUTCDATETIME());
GO
