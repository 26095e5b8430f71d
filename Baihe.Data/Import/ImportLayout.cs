namespace Baihe.Data.Import;

/// <summary>
/// The shape of a roster workbook: its sheets and header rows, in order. The template writes it, the reader insists on it
/// and every problem names one of these columns, so a user can find the cell.
/// </summary>
public static class ImportLayout
{
    public const string ResidentSheet = "居民";
    public const string MembershipSheet = "队伍成员";

    /// <summary>The column added to the workbook of errors; a re-uploaded error workbook is still read.</summary>
    public const string ErrorColumn = "错误原因";

    public const string Name = "姓名";
    public const string Phone = "手机号";
    public const string Grid = "网格";
    public const string PartyMember = "党员";
    public const string NeighbourLead = "邻长";
    public const string Skill = "特长";
    public const string Team = "队伍";
    public const string Role = "角色";
    public const string JoinedOn = "入队日期";

    public static readonly IReadOnlyList<string> ResidentHeaders = [Name, Phone, Grid, PartyMember, NeighbourLead, Skill];
    public static readonly IReadOnlyList<string> MembershipHeaders = [Name, Phone, Team, Role, JoinedOn];

    /// <summary>The longest file accepted: a register of a whole community is well under a megabyte.</summary>
    public const long MaxFileBytes = 10L * 1024 * 1024;

    /// <summary>The most data rows accepted across both sheets.</summary>
    public const int MaxRows = 50_000;

    /// <summary>The longest skill (Member.Skill is NVARCHAR(50)).</summary>
    public const int MaxSkillLength = 50;

    /// <summary>The template's example rows carry this in the name, so that uploading the template unchanged registers nobody.</summary>
    public const string ExampleMark = "（示例）";

    /// <summary>Yes and no as the template's lists offer them.</summary>
    public const string Yes = "是";
    public const string No = "否";
}
