using System.Text;

namespace Customs.Sampling;

public sealed record ConsignmentNote(string Reference, string Consignor, string HsCode, decimal Value);

/// <summary>
/// Picks consignments for physical inspection and formats the inspection slip.
/// Shared by all the declaration check workers.
/// </summary>
public sealed class InspectionSampler
{
    private static readonly ThreadLocal<Random> Rng =
        new(() => new Random(HashCode.Combine(Environment.CurrentManagedThreadId, Environment.TickCount)));

    [ThreadStatic]
    private static StringBuilder? t_slipBuilder;

    private readonly double _baseRate;
    private readonly IReadOnlySet<string> _watchList;

    public InspectionSampler(double baseRate, IReadOnlySet<string> watchList)
    {
        _baseRate = baseRate;
        _watchList = watchList;
    }

    public bool SelectForInspection(ConsignmentNote note)
    {
        var rate = _watchList.Contains(note.Consignor) ? Math.Min(1.0, _baseRate * 5) : _baseRate;
        if (note.Value > 50_000m)
            rate = Math.Min(1.0, rate * 2);
        return Rng.Value!.NextDouble() < rate;
    }

    public string FormatSlip(ConsignmentNote note, string officer)
    {
        var sb = t_slipBuilder ??= new StringBuilder(256);
        sb.Clear();
        sb.Append("INSPECTION SLIP").AppendLine()
          .Append("Ref: ").Append(note.Reference).AppendLine()
          .Append("Consignor: ").Append(note.Consignor).AppendLine()
          .Append("HS: ").Append(note.HsCode).Append("  Value: ").Append(note.Value.ToString("N2")).AppendLine()
          .Append("Officer: ").Append(officer);
        return sb.ToString();
    }
}

public static class SamplerDefaults
{
    public static InspectionSampler Create(IEnumerable<string> watchList) =>
        new(baseRate: 0.02, watchList: new HashSet<string>(watchList, StringComparer.OrdinalIgnoreCase));
}
