using System.Globalization;
using System.Text;

namespace Blind38.Beekeeping.Reports;

public sealed record HiveInspection(
    string HiveId,
    DateOnly Date,
    int FramesOfBrood,
    int FramesOfHoney,
    bool QueenSeen,
    int VarroaPerHundredBees,
    string? Notes);

/// <summary>
/// Formats inspection records as the plain-text lines the cooperative emails to members.
/// Registered as a singleton; the inspection upload endpoint and the weekly digest job
/// both call <see cref="Format"/> concurrently.
/// </summary>
public sealed class InspectionLineFormatter
{
    private readonly StringBuilder _buffer = new(256);
    private readonly int _varroaThreshold;

    public InspectionLineFormatter(int varroaThreshold)
    {
        _varroaThreshold = varroaThreshold;
    }

    public string Format(HiveInspection inspection)
    {
        _buffer.Clear();
        _buffer.Append(inspection.HiveId.PadRight(8));
        _buffer.Append(inspection.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        _buffer.Append("  brood ").Append(inspection.FramesOfBrood);
        _buffer.Append("  honey ").Append(inspection.FramesOfHoney);
        _buffer.Append(inspection.QueenSeen ? "  queen seen" : "  queen NOT seen");

        if (inspection.VarroaPerHundredBees >= _varroaThreshold)
        {
            _buffer.Append("  VARROA ").Append(inspection.VarroaPerHundredBees).Append("/100 - treat");
        }

        if (!string.IsNullOrWhiteSpace(inspection.Notes))
        {
            _buffer.Append("  // ").Append(inspection.Notes.Trim());
        }

        return _buffer.ToString();
    }
}

/// <summary>Builds the weekly digest from all inspections recorded in the last seven days.</summary>
public sealed class WeeklyDigestJob
{
    private readonly InspectionLineFormatter _formatter;
    private readonly Func<DateOnly, Task<IReadOnlyList<HiveInspection>>> _load;

    public WeeklyDigestJob(InspectionLineFormatter formatter, Func<DateOnly, Task<IReadOnlyList<HiveInspection>>> load)
    {
        _formatter = formatter;
        _load = load;
    }

    public async Task<string> BuildAsync(DateOnly weekEnding)
    {
        var inspections = await _load(weekEnding).ConfigureAwait(false);
        var lines = inspections
            .OrderBy(i => i.HiveId, StringComparer.Ordinal)
            .ThenBy(i => i.Date)
            .Select(_formatter.Format);
        return string.Join(Environment.NewLine, lines);
    }
}
