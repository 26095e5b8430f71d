-- Accounts and rosters: an entity's audit trail and a team's roster are read often, so both are indexed. SQL Server's
-- ROWVERSION columns bump themselves; the SQLite twin adds triggers
-- for the same effect, so UPDATE statements are written once for both engines.

CREATE INDEX [IX_AuditLog_Entity] ON [dbo].[AuditLog] ([EntityType], [EntityId]);
GO

CREATE INDEX [IX_Membership_TeamId] ON [dbo].[Membership] ([TeamId], [LeftOn]) INCLUDE ([MemberId], [Role], [JoinedOn]);
GO
