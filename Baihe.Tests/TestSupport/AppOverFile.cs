namespace Baihe.Tests.TestSupport;

/// <summary>A second app over an existing database file, as a second server or a restart would be.</summary>
public sealed class AppOverFile(string file) : AppFactory(file, ownsFile: false);
