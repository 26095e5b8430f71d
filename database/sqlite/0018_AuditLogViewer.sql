-- The SQLite twin of database/sqlserver/0018_AuditLogViewer.sql: the audit log gets the community its row is about
-- (so a secretary or official can be shown their own rows), indexes for the viewer's default page and each filter,
-- and becomes append-only except for the archive command, which opens AuditArchiveGate inside its own transaction.

ALTER TABLE AuditLog ADD COLUMN CommunityId INTEGER NULL CONSTRAINT FK_AuditLog_Community REFERENCES Community (Id);

-- Existing rows: the community of the record they name, where that record says one; the rest stay administrators' only.
UPDATE AuditLog SET CommunityId = CASE EntityType
    WHEN 'Community' THEN (SELECT c.Id FROM Community c WHERE CAST(c.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Team' THEN (SELECT t.CommunityId FROM Team t WHERE CAST(t.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Grid' THEN (SELECT g.CommunityId FROM Grid g WHERE CAST(g.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Member' THEN (SELECT g.CommunityId FROM Member m JOIN Grid g ON g.Id = m.GridId WHERE CAST(m.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Membership' THEN (SELECT t.CommunityId FROM Membership s JOIN Team t ON t.Id = s.TeamId WHERE CAST(s.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Activity' THEN (SELECT t.CommunityId FROM Activity a JOIN Team t ON t.Id = a.TeamId WHERE CAST(a.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'ResidentTask' THEN (SELECT g.CommunityId FROM ResidentTask r JOIN Grid g ON g.Id = r.GridId WHERE CAST(r.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'MicroWish' THEN (SELECT g.CommunityId FROM MicroWish w JOIN Grid g ON g.Id = w.GridId WHERE CAST(w.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Redemption' THEN (SELECT g.CommunityId FROM Redemption x JOIN Member m ON m.Id = x.MemberId JOIN Grid g ON g.Id = m.GridId WHERE CAST(x.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'PointEntry' THEN (SELECT g.CommunityId FROM PointEntry x JOIN Member m ON m.Id = x.MemberId JOIN Grid g ON g.Id = m.GridId WHERE CAST(x.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Evaluation' THEN (SELECT e.CommunityId FROM Evaluation e WHERE CAST(e.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'Deliberation' THEN (SELECT d.CommunityId FROM Deliberation d WHERE CAST(d.Id AS TEXT) = AuditLog.EntityId)
    WHEN 'ServiceCertificate' THEN (SELECT s.CommunityId FROM ServiceCertificate s WHERE CAST(s.Id AS TEXT) = AuditLog.EntityId)
    ELSE NULL END;

CREATE INDEX IX_AuditLog_CommunityId ON AuditLog (CommunityId, OccurredAt);

CREATE INDEX IX_AuditLog_UserName ON AuditLog (UserName, OccurredAt);

CREATE INDEX IX_AuditLog_Action ON AuditLog (Action, OccurredAt);

CREATE INDEX IX_AuditLog_EntityTime ON AuditLog (EntityType, EntityId, OccurredAt);

-- Superseded by IX_AuditLog_EntityTime, which also serves a record's history newest first.
DROP INDEX IX_AuditLog_Entity;

-- Holds one row only while `audit-archive` deletes the rows it has written to its file, inside that command's own
-- transaction; nobody else ever sees it (the row is never committed).
CREATE TABLE AuditArchiveGate (
    Id       INTEGER NOT NULL CONSTRAINT PK_AuditArchiveGate PRIMARY KEY CONSTRAINT CK_AuditArchiveGate_Id CHECK (Id = 1),
    OpenedAt TEXT    NOT NULL
);

CREATE TRIGGER TR_AuditLog_NoUpdate BEFORE UPDATE ON AuditLog
BEGIN
    SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除。');
END;

CREATE TRIGGER TR_AuditLog_NoDelete BEFORE DELETE ON AuditLog
WHEN NOT EXISTS (SELECT 1 FROM AuditArchiveGate)
BEGIN
    SELECT RAISE(ABORT, '操作日志只能追加，不能修改或删除。');
END;
