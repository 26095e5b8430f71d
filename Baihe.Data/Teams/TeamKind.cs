
namespace Baihe.Data.Teams;

/// <summary>Team kinds as stored in <c>Team.Kind</c>.</summary>
public static class TeamKind
{
    /// <summary>志愿服务队.</summary>
    public const string VolunteerService = "VolunteerService";

    /// <summary>兴趣队伍.</summary>
    public const string InterestGroup = "InterestGroup";
}
