-- Points: lookups for balances, redemptions and evaluations, and a correction may reverse an entry only once.
-- The SQLite twin of database/sqlserver/0003_Points.sql, plus the RowVersion triggers of the tables the points
-- screens update.

CREATE INDEX IX_Redemption_MemberId ON Redemption (MemberId, RequestedAt);

CREATE INDEX IX_PointEntry_ReversesEntryId ON PointEntry (ReversesEntryId) WHERE ReversesEntryId IS NOT NULL;

CREATE UNIQUE INDEX UX_PointEntry_Reverses ON PointEntry (ReversesEntryId) WHERE ReversesEntryId IS NOT NULL;

CREATE INDEX IX_Evaluation_Community ON Evaluation (CommunityId, Year, Half);

CREATE TRIGGER TR_Activity_RowVersion AFTER UPDATE ON Activity WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE Activity SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_Reward_RowVersion AFTER UPDATE ON Reward WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE Reward SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_Evaluation_RowVersion AFTER UPDATE ON Evaluation WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE Evaluation SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;
