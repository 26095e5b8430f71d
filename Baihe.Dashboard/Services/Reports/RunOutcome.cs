namespace Baihe.Dashboard.Services.Reports;

/// <summary>What one pass of the monthly schedule did on this server.</summary>
public enum RunOutcome
{
    /// <summary>Every due month was already complete.</summary>
    NothingDue,

    /// <summary>This server held the lease and completed the due months.</summary>
    Ran,

    /// <summary>Another server holds the lease (or took it over); look again once it could have run out.</summary>
    Busy,
}
