namespace Baihe.Data.Tasks;

/// <summary>
/// When a task is escalated (<c>Tasks:RemindShare</c>, <c>Tasks:EscalationScanSeconds</c>): 催办 once
/// <see cref="RemindShare"/> of the time from entering its stage to the due time has passed, 督办 at the due time;
/// every server looks every <see cref="ScanSeconds"/>.
/// </summary>
public sealed record TaskEscalationOptions(double RemindShare = 0.5, int ScanSeconds = 60)
{
    /// <summary>When a stage entered at <paramref name="enteredAt"/> and due at <paramref name="dueAt"/> is reminded.</summary>
    public DateTime RemindAt(DateTime enteredAt, DateTime dueAt) =>
        dueAt <= enteredAt ? dueAt : enteredAt + (dueAt - enteredAt) * Math.Clamp(RemindShare, 0, 1);
}
