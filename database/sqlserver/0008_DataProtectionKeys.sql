-- ASP.NET Core data-protection keys, shared by every server: a cookie or antiforgery token issued by one server
-- must be readable by the others behind the same load balancer. Each row is one key's XML as the key manager wrote it.
-- Text columns carry the collation every text column is pinned to (see 0007).

CREATE TABLE [dbo].[DataProtectionKey] (
    [Id]           INT            IDENTITY (1, 1) NOT NULL,
    [FriendlyName] NVARCHAR (100) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [Xml]          NVARCHAR (MAX) COLLATE Chinese_PRC_100_CI_AS_SC NOT NULL,
    [CreatedAt]    DATETIME2 (0)  NOT NULL,
    CONSTRAINT [PK_DataProtectionKey] PRIMARY KEY CLUSTERED ([Id])
);
GO
