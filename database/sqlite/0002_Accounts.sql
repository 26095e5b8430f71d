-- Accounts and rosters: an entity's audit trail and a team's roster are read often, so both are indexed.
-- The SQLite twin of database/sqlserver/0002_Accounts.sql.
-- RowVersion bumps on every update, as SQL Server's ROWVERSION does, so optimistic-concurrency UPDATEs
-- (WHERE ... AND CAST(RowVersion AS BIGINT) = @RowVersion) are the same text on both engines.
-- Recursive triggers are off, so the inner UPDATE does not fire the trigger again.

CREATE INDEX IX_AuditLog_Entity ON AuditLog (EntityType, EntityId);

CREATE INDEX IX_Membership_TeamId ON Membership (TeamId, LeftOn, MemberId, Role, JoinedOn);

CREATE TRIGGER TR_Member_RowVersion AFTER UPDATE ON Member WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE Member SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_Membership_RowVersion AFTER UPDATE ON Membership WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE Membership SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_Team_RowVersion AFTER UPDATE ON Team WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE Team SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;

CREATE TRIGGER TR_AppUser_RowVersion AFTER UPDATE ON AppUser WHEN NEW.RowVersion = OLD.RowVersion
BEGIN
    UPDATE AppUser SET RowVersion = OLD.RowVersion + 1 WHERE Id = NEW.Id;
END;
