namespace Baihe.Data.Certificates;

/// <summary>What a certificate states about the volunteer, and the community the resident belongs to.</summary>
public sealed record VolunteerIdentity
{
    public int MemberId { get; init; }
    public int CommunityId { get; init; }
    public string Name { get; init; } = "";
    public string? IdType { get; init; }
    public string? IdNumberMasked { get; init; }
    public string? VolunteerNo { get; init; }

    /// <summary>Whether the certificate's required identity lines can all be filled.</summary>
    public bool IsComplete => IdType is not null && IdNumberMasked is not null && !string.IsNullOrEmpty(VolunteerNo);
}
