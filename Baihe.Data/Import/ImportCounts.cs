namespace Baihe.Data.Import;

/// <summary>What an import adds and changes; a second import of the same file counts only unchanged rows.</summary>
public sealed record ImportCounts(int NewResidents, int UpdatedResidents, int UnchangedResidents, int NewMemberships, int UnchangedMemberships)
{
    /// <summary>Whether committing would write anything at all.</summary>
    public bool WritesAnything => NewResidents + UpdatedResidents + NewMemberships > 0;
}
