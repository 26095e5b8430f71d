-- The SQLite twin of database/sqlserver/0019_AccountSignInAndPasswordChange.sql. The length triggers from 0007 are
-- recreated with the new text column, so SQLite refuses what SQL Server's NVARCHAR (45) refuses.

ALTER TABLE AppUser ADD COLUMN LastSignInAt TEXT NULL;
ALTER TABLE AppUser ADD COLUMN LastSignInIp TEXT NULL;
ALTER TABLE AppUser ADD COLUMN MustChangePassword INTEGER NOT NULL DEFAULT 0 CONSTRAINT CK_AppUser_MustChangePassword CHECK (MustChangePassword IN (0, 1));

DROP TRIGGER TR_AppUser_Lengths_Insert;
DROP TRIGGER TR_AppUser_Lengths_Update;

CREATE TRIGGER TR_AppUser_Lengths_Insert BEFORE INSERT ON AppUser
WHEN length(NEW.UserName) > 50
    OR length(NEW.DisplayName) > 20
    OR length(NEW.PasswordHash) > 200
    OR length(NEW.Role) > 20
    OR length(NEW.SecurityStamp) > 40
    OR length(NEW.LastSignInIp) > 45
BEGIN
    SELECT RAISE(ABORT, 'AppUser: 文字超过长度上限 (text longer than its column allows)');
END;

CREATE TRIGGER TR_AppUser_Lengths_Update BEFORE UPDATE OF UserName, DisplayName, PasswordHash, Role, SecurityStamp, LastSignInIp ON AppUser
WHEN length(NEW.UserName) > 50
    OR length(NEW.DisplayName) > 20
    OR length(NEW.PasswordHash) > 200
    OR length(NEW.Role) > 20
    OR length(NEW.SecurityStamp) > 40
    OR length(NEW.LastSignInIp) > 45
BEGIN
    SELECT RAISE(ABORT, 'AppUser: 文字超过长度上限 (text longer than its column allows)');
END;
