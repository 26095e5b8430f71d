-- The SQLite twin of database/sqlserver/0016_ServiceHoursAndCertificates.sql (which says why each part exists):
-- activity start and end minutes, per-person service minutes, a resident's ID type, masked ID number and volunteer
-- number, and the numbered, never-changing 志愿服务证明 with its per-community, per-year counter.

ALTER TABLE Activity ADD COLUMN StartMinute INTEGER NOT NULL DEFAULT 540 CONSTRAINT CK_Activity_StartMinute CHECK (StartMinute >= 0);
ALTER TABLE Activity ADD COLUMN EndMinute INTEGER NOT NULL DEFAULT 660 CONSTRAINT CK_Activity_Minutes CHECK (EndMinute > StartMinute AND EndMinute <= 1440);

ALTER TABLE Attendance ADD COLUMN ServiceMinutes INTEGER NULL CONSTRAINT CK_Attendance_ServiceMinutes CHECK (ServiceMinutes >= 0 AND ServiceMinutes <= 1440);

ALTER TABLE Member ADD COLUMN IdType TEXT NULL CONSTRAINT CK_Member_IdType CHECK (IdType IN ('IdCard', 'HkMacaoPermit', 'TaiwanPermit', 'Passport', 'ForeignerPermit'));
ALTER TABLE Member ADD COLUMN IdNumberMasked TEXT NULL CONSTRAINT CK_Member_IdNumberMasked CHECK (IdNumberMasked IS NULL OR (IdNumberMasked LIKE '%*%' AND IdType IS NOT NULL));
ALTER TABLE Member ADD COLUMN VolunteerNo TEXT NULL;

CREATE UNIQUE INDEX UX_Member_VolunteerNo ON Member (VolunteerNo) WHERE VolunteerNo IS NOT NULL;

-- An ID type without a number is refused as SQL Server's CK_Member_IdPair does; a column added by ALTER cannot carry a
-- table constraint here, so this half of the pair is a trigger.
CREATE TRIGGER TR_Member_IdPair_Insert BEFORE INSERT ON Member
WHEN NEW.IdType IS NOT NULL AND NEW.IdNumberMasked IS NULL AND length(NEW.IdType) <= 20
BEGIN
    SELECT RAISE(ABORT, 'Member: 证件类型和证件号码应同时填写');
END;

CREATE TRIGGER TR_Member_IdPair_Update BEFORE UPDATE OF IdType, IdNumberMasked ON Member
WHEN NEW.IdType IS NOT NULL AND NEW.IdNumberMasked IS NULL AND length(NEW.IdType) <= 20
BEGIN
    SELECT RAISE(ABORT, 'Member: 证件类型和证件号码应同时填写');
END;

-- SQL Server's NVARCHAR lengths of the new Member columns, as 0007 enforces them for the older ones.
CREATE TRIGGER TR_Member_VolunteerLengths_Insert BEFORE INSERT ON Member
WHEN length(NEW.IdType) > 20
    OR length(NEW.IdNumberMasked) > 20
    OR length(NEW.VolunteerNo) > 30
BEGIN
    SELECT RAISE(ABORT, 'Member: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_Member_VolunteerLengths_Update BEFORE UPDATE OF IdType, IdNumberMasked, VolunteerNo ON Member
WHEN length(NEW.IdType) > 20
    OR length(NEW.IdNumberMasked) > 20
    OR length(NEW.VolunteerNo) > 30
BEGIN
    SELECT RAISE(ABORT, 'Member: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TABLE CertificateCounter (
    CommunityId INTEGER NOT NULL CONSTRAINT FK_CertificateCounter_Community REFERENCES Community (Id),
    Year        INTEGER NOT NULL,
    NextSeq     INTEGER NOT NULL CONSTRAINT CK_CertificateCounter_NextSeq CHECK (NextSeq >= 1),
    CONSTRAINT PK_CertificateCounter PRIMARY KEY (CommunityId, Year)
);

CREATE TABLE ServiceCertificate (
    Id             INTEGER NOT NULL PRIMARY KEY,
    CommunityId    INTEGER NOT NULL CONSTRAINT FK_ServiceCertificate_Community REFERENCES Community (Id),
    Year           INTEGER NOT NULL,
    Seq            INTEGER NOT NULL CONSTRAINT CK_ServiceCertificate_Seq CHECK (Seq >= 1),
    Number         TEXT    NOT NULL CONSTRAINT UQ_ServiceCertificate_Number UNIQUE,
    MemberId       INTEGER NOT NULL CONSTRAINT FK_ServiceCertificate_Member REFERENCES Member (Id),
    VolunteerName  TEXT    NOT NULL,
    IdType         TEXT    NOT NULL,
    IdNumberMasked TEXT    NOT NULL,
    VolunteerNo    TEXT    NOT NULL,
    PeriodFrom     TEXT    NOT NULL,
    PeriodTo       TEXT    NOT NULL,
    ServiceMinutes INTEGER NOT NULL,
    ServiceCount   INTEGER NOT NULL,
    Content        TEXT    NOT NULL,
    Organisation   TEXT    NOT NULL,
    Principal      TEXT    NOT NULL,
    Handler        TEXT    NOT NULL,
    Contact        TEXT    NOT NULL,
    IssuedOn       TEXT    NOT NULL,
    IssuedAt       TEXT    NOT NULL,
    IssuedByUserId INTEGER NULL CONSTRAINT FK_ServiceCertificate_IssuedBy REFERENCES AppUser (Id),
    Status         TEXT    NOT NULL CONSTRAINT CK_ServiceCertificate_Status CHECK (Status IN ('Issued', 'Voided')),
    VoidedAt       TEXT    NULL,
    VoidedByUserId INTEGER NULL CONSTRAINT FK_ServiceCertificate_VoidedBy REFERENCES AppUser (Id),
    VoidReason     TEXT    NULL,
    CONSTRAINT UQ_ServiceCertificate_Seq UNIQUE (CommunityId, Year, Seq),
    CONSTRAINT CK_ServiceCertificate_Period CHECK (PeriodTo >= PeriodFrom),
    CONSTRAINT CK_ServiceCertificate_Minutes CHECK (ServiceMinutes >= 0 AND ServiceCount >= 0),
    CONSTRAINT CK_ServiceCertificate_Voided CHECK ((Status = 'Issued' AND VoidedAt IS NULL AND VoidReason IS NULL)
        OR (Status = 'Voided' AND VoidedAt IS NOT NULL AND VoidReason IS NOT NULL))
);

CREATE INDEX IX_ServiceCertificate_MemberId ON ServiceCertificate (MemberId, IssuedOn);

CREATE TRIGGER TR_ServiceCertificate_Lengths_Insert BEFORE INSERT ON ServiceCertificate
WHEN length(NEW.Number) > 40
    OR length(NEW.VolunteerName) > 20
    OR length(NEW.IdType) > 20
    OR length(NEW.IdNumberMasked) > 20
    OR length(NEW.VolunteerNo) > 30
    OR length(NEW.Content) > 500
    OR length(NEW.Organisation) > 50
    OR length(NEW.Principal) > 20
    OR length(NEW.Handler) > 20
    OR length(NEW.Contact) > 30
    OR length(NEW.Status) > 10
    OR length(NEW.VoidReason) > 200
BEGIN
    SELECT RAISE(ABORT, 'ServiceCertificate: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_ServiceCertificate_Lengths_Update BEFORE UPDATE OF Status, VoidReason ON ServiceCertificate
WHEN length(NEW.Status) > 10
    OR length(NEW.VoidReason) > 200
BEGIN
    SELECT RAISE(ABORT, 'ServiceCertificate: 文字超过长度上限 (text longer than its column allows)');
END;

-- A certificate is never deleted, its contents never change, and a voided one stays voided (as on SQL Server).
CREATE TRIGGER TR_ServiceCertificate_NoDelete BEFORE DELETE ON ServiceCertificate
BEGIN
    SELECT RAISE(ABORT, '服务证明不能删除，只能作废。');
END;

CREATE TRIGGER TR_ServiceCertificate_NoChange BEFORE UPDATE OF Id, CommunityId, Year, Seq, Number, MemberId, VolunteerName,
    IdType, IdNumberMasked, VolunteerNo, PeriodFrom, PeriodTo, ServiceMinutes, ServiceCount, Content, Organisation,
    Principal, Handler, Contact, IssuedOn, IssuedAt, IssuedByUserId ON ServiceCertificate
BEGIN
    SELECT RAISE(ABORT, '服务证明出具后不能修改，只能作废。');
END;

CREATE TRIGGER TR_ServiceCertificate_StaysVoided BEFORE UPDATE ON ServiceCertificate
WHEN OLD.Status = 'Voided'
BEGIN
    SELECT RAISE(ABORT, '服务证明出具后不能修改，只能作废。');
END;
