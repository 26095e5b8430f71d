using System.Data;
using Baihe.Data;
using Baihe.Data.Database;
using Baihe.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Baihe.Tests.Data.Database;

public class DapperTypesTests
{
    [Fact]
    public void AfterAddBaiheData_DateTimeParametersGoAsDateTime2()
    {
        new ServiceCollection().AddBaiheData(new DatabaseOptions(DatabaseProvider.SqlServer, "Server=nowhere;Database=baihe"));

        Assert.Equal(DbType.DateTime2, DbTypeOf(typeof(DateTime)));
        Assert.Equal(DbType.DateTime2, DbTypeOf(typeof(DateTime?)));
    }

    [Fact]
    public async Task OnSqlite_ADateTime2ParameterStoresTheSameTextAsADateTimeOne()
    {
        // The map is process-wide, so it must not change what the embedded engine stores.
        DapperTypes.Register();
        await using var db = await TestDatabase.CreateAsync();
        await using var conn = await db.Factory.OpenAsync();
        var at = new DateTime(2026, 3, 1, 8, 30, 15);

        var mapped = await conn.ExecuteScalarAsync<string>("SELECT @at;", new { at });
        var plain = await conn.ExecuteScalarAsync<string>("SELECT @at;", new DynamicParameters(new Dictionary<string, object> { ["at"] = at.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal("2026-03-01 08:30:15", mapped);
        Assert.Equal(plain, mapped);
    }

#pragma warning disable CS0618 // Dapper marks LookupDbType internal-only; it is the one way to read the map back.
    private static DbType? DbTypeOf(Type type) => SqlMapper.LookupDbType(type, "at", false, out _);
#pragma warning restore CS0618
}
