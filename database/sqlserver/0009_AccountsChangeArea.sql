-- A change-feed area for accounts: disabling an account, changing its role or ending its sessions bumps it, and every
-- server re-checks its open circuits' users at once instead of at their next periodic check.

ALTER TABLE [dbo].[ChangeVersion] DROP CONSTRAINT [CK_ChangeVersion_Area];
GO

ALTER TABLE [dbo].[ChangeVersion] ADD CONSTRAINT [CK_ChangeVersion_Area] CHECK ([Area] IN (N'Roster', N'Points', N'Tasks', N'Wishes', N'Accounts'));
GO

INSERT INTO [dbo].[ChangeVersion] ([Area], [Version], [ChangedAt]) VALUES (N'Accounts', 0, SYSUTCDATETIME());
GO
