-- ASP.NET Core data-protection keys, shared by every server: a cookie or antiforgery token issued by one server
-- must be readable by the others behind the same load balancer. Each row is one key's XML as the key manager wrote it.

CREATE TABLE [dbo].[DataProtectionKey] (
    [Id]           INT            IDENTITY (1, 1) NOT NULL,
    [FriendlyName] NVARCHAR (100) NULL,
    [Xml]          NVARCHAR (MAX) NOT NULL,
    [CreatedAt]    DATETIME2 (0)  NOT NULL,
    CONSTRAINT [PK_DataProtectionKey] PRIMARY KEY CLUSTERED ([Id])
);
GO
