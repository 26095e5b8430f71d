using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Baihe.Data.Database;

/// <summary>
/// Keeps ASP.NET Core's data-protection keys in the DataProtectionKey table, so every server over one database
/// shares one key ring: a sign-in cookie issued by one server is accepted by the others.
/// </summary>
public sealed class DataProtectionKeyRepository(DbConnectionFactory db, BaiheClock clock) : IXmlRepository
{
    private const string AllSql = "SELECT Xml FROM DataProtectionKey ORDER BY Id;";

    private const string InsertSql = """
        INSERT INTO DataProtectionKey (FriendlyName, Xml, CreatedAt) VALUES (@FriendlyName, @Xml, @CreatedAt);
        """;

    /// <summary>Every stored key element. The key manager calls this synchronously.</summary>
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = db.OpenAsync().GetAwaiter().GetResult();
        return conn.Query<string>(AllSql).Select(x => XElement.Parse(x)).ToList();
    }

    /// <summary>Stores one new key element (keys are never updated; revocations are new elements).</summary>
    public void StoreElement(XElement element, string friendlyName)
    {
        using var conn = db.OpenAsync().GetAwaiter().GetResult();
        conn.Execute(InsertSql, new
        {
            FriendlyName = friendlyName.Length > 100 ? friendlyName[..100] : friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.Now,
        });
    }
}
