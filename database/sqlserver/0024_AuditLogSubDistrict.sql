-- An official reads the rows about the communities of their 街道; filtered as "CommunityId IN (the 街道's
-- communities)" that is one index range per community, merged by sorting every matching row (87 thousand at 1M rows).
-- The row keeps its 街道 as it keeps its community, with an index in time order, so the official's page is an ordered
-- seek like the secretary's. The 街道 is the community's at the time of the write, as the community is the record's.

ALTER TABLE [dbo].[AuditLog] ADD [SubDistrictId] INT NULL;
GO

ALTER TABLE [dbo].[AuditLog] ADD CONSTRAINT [FK_AuditLog_SubDistrict] FOREIGN KEY ([SubDistrictId]) REFERENCES [dbo].[SubDistrict] ([Id]);
GO

-- The log refuses UPDATE; this one backfill, inside this script's transaction, lifts the refusal and restores it.
DISABLE TRIGGER [dbo].[TR_AuditLog_NoUpdate] ON [dbo].[AuditLog];
GO

UPDATE a SET a.[SubDistrictId] = c.[SubDistrictId]
FROM [dbo].[AuditLog] a
JOIN [dbo].[Community] c ON c.[Id] = a.[CommunityId];
GO

ENABLE TRIGGER [dbo].[TR_AuditLog_NoUpdate] ON [dbo].[AuditLog];
GO

CREATE INDEX [IX_AuditLog_SubDistrictId] ON [dbo].[AuditLog] ([SubDistrictId], [OccurredAt]);
GO
