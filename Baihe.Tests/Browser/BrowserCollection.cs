namespace Baihe.Tests.Browser;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    /// <summary>One app and one browser for all stories; they run alone, so a slow neighbour cannot stall a live update.</summary>
    public const string Name = "Browser";
}
