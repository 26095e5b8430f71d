using Baihe.Data;
using Baihe.Data.Accounts;
using Baihe.Data.Communities;
using Baihe.Data.Database;
using Baihe.Data.Teams;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Bench.Circuits;

/// <summary>Writes through the app's own command class on the app's database file, as team lead jinjiejie.</summary>
public sealed class LiveWriter
{
    private readonly RosterCommands _roster;
    private readonly Actor _lead;
    private readonly int _gridId;
    private int _added;

    private LiveWriter(RosterCommands roster, Actor lead, int gridId)
    {
        _roster = roster;
        _lead = lead;
        _gridId = gridId;
    }

    public static LiveWriter Create(string database)
    {
        var services = new ServiceCollection()
            .AddBaiheData(new DatabaseOptions(DatabaseProvider.Sqlite, $"Data Source={database}"))
            .BuildServiceProvider();
        var user = services.GetRequiredService<UserQueries>().FindByUserNameAsync("jinjiejie").GetAwaiter().GetResult()
            ?? throw new InvalidOperationException("Demo lead jinjiejie is missing.");
        // With the stamp: every write checks the actor still carries its account's current one.
        var lead = new Actor(user.Id, user.UserName, user.Role, user.SubDistrictId, user.CommunityId, user.TeamId, user.SecurityStamp);
        var communities = services.GetRequiredService<CommunityQueries>();
        var community = communities.FirstAsync().GetAwaiter().GetResult()!;
        var grid = communities.GridsAsync(community.Id).GetAwaiter().GetResult()[0];
        return new LiveWriter(services.GetRequiredService<RosterCommands>(), lead, grid.Id);
    }

    /// <summary>Adds a new resident to the lead's team; throws if the command refuses.</summary>
    public async Task AddMemberAsync()
    {
        var n = Interlocked.Increment(ref _added);
        var result = await _roster.AddMemberAsync(_lead, _lead.TeamId!.Value, new AddMemberRequest
        {
            Name = $"压测居民{n:D4}",
            Phone = $"139{Environment.ProcessId % 10000:D4}{n:D4}",
            GridId = _gridId,
            JoinedOn = DateTime.Today,
        });
        if (!result.Ok)
        {
            throw new InvalidOperationException($"Roster add refused: {result.Error}");
        }
    }
}
