namespace Baihe.Data.Import;

/// <summary>
/// One data row of the 队伍成员 sheet as typed; <see cref="JoinedOn"/> is <c>yyyy-MM-dd</c> when the cell was a date,
/// otherwise the text as typed. <see cref="Row"/> is its Excel row number.
/// </summary>
public sealed record MembershipLine(int Row, string Name, string Phone, string Team, string Role, string JoinedOn);
