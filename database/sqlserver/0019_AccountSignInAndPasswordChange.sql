-- When and from where each account last signed in (shown to administrators), and whether its password was reset by an
-- administrator and must be changed before anything else. 45 characters hold the longest IPv6 text form.

ALTER TABLE [dbo].[AppUser] ADD
    [LastSignInAt]       DATETIME2 (0) NULL,
    [LastSignInIp]       NVARCHAR (45) COLLATE Chinese_PRC_100_CI_AS_SC NULL,
    [MustChangePassword] BIT NOT NULL CONSTRAINT [DF_AppUser_MustChangePassword] DEFAULT (0);
GO
