using Baihe.Data.Database;

namespace Baihe.Bench.Scale;

/// <summary>
/// Where seed-scale writes: a new SQLite <see cref="File"/> (<c>--out</c>), the database a <see cref="Connection"/>
/// string names on <see cref="Provider"/> (<c>--provider sqlserver --connection "..."</c>), or, with neither, the
/// configured database (checked against <see cref="Provider"/> when one was given).
/// </summary>
public sealed record ScaleTarget(DatabaseProvider? Provider, string? File, string? Connection);
