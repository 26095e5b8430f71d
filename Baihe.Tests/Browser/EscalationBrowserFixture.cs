using Baihe.Tests.TestSupport;

namespace Baihe.Tests.Browser;

/// <summary>
/// An app of its own whose clock the escalation story moves forward (<see cref="Clock"/>); its background scan is slowed
/// to once an hour, so the story runs the scan itself, at the moment it chooses.
/// </summary>
public sealed class EscalationBrowserFixture : BrowserFixture
{
    public EscalationBrowserFixture() : this(new ShiftedTimeProvider())
    {
    }

    private EscalationBrowserFixture(ShiftedTimeProvider clock) : base(clock, new Dictionary<string, string?> { ["Tasks:EscalationScanSeconds"] = "3600" }) =>
        Clock = clock;

    public ShiftedTimeProvider Clock { get; }
}
