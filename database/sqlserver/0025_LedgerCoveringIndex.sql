-- The monthly report's 积分明细 sheet reads a community's month in (OccurredOn, Id) order from IX_PointEntry_OccurredOn
-- (Id is the clustered key every nonclustered index carries). The index held the date, category, points and member but
-- not the source, note or recorder, so every entry of the month was also a key lookup into the clustered index.
-- It now includes every column the sheet reads, and the month is one ordered index range, as on SQLite (0025 there).
DROP INDEX [IX_PointEntry_OccurredOn] ON [dbo].[PointEntry];
GO

CREATE INDEX [IX_PointEntry_OccurredOn] ON [dbo].[PointEntry] ([OccurredOn])
    INCLUDE ([CategoryId], [Points], [MemberId], [Source], [RecordedByUserId], [Note]);
GO
