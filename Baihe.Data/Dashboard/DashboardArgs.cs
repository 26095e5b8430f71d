using Baihe.Data.Database;

namespace Baihe.Data.Dashboard;

/// <summary>The parameters of <see cref="DashboardSql"/>: the scope's place, the period, now, and a bucket's narrowing.</summary>
internal sealed record DashboardArgs(int SubDistrictId, int? CommunityId, int? GridId, DateTime From, DateTime To, DateTime Now,
    string? Stage = null, string? Status = null, int? AreaId = null, int? TeamId = null, int Skip = 0, int Take = PageRequest.MaxSize)
{
    public static DashboardArgs Of(DashboardScope scope, Period period, DateTime now) =>
        new(scope.SubDistrictId, scope.Community?.Id, scope.GridId, period.From, period.To, now);
}
