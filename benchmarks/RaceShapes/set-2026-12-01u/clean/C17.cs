namespace Customs.Tariffs;

public sealed record TariffLine(string HsCode, decimal DutyRatePercent, bool RequiresLicence);

/// <summary>
/// Tariff lookup used by the declaration check workers. The tariff schedule is large, so it is
/// loaded on first use; every worker thread shares the same instance.
/// </summary>
public sealed class TariffSchedule
{
    private readonly Lazy<IReadOnlyDictionary<string, TariffLine>> _lines;
    private readonly Lazy<HashSet<string>> _embargoedChapters;

    public TariffSchedule(Func<IEnumerable<TariffLine>> loadLines, Func<IEnumerable<string>> loadEmbargoes)
    {
        _lines = new Lazy<IReadOnlyDictionary<string, TariffLine>>(
            () => loadLines().ToDictionary(l => l.HsCode, StringComparer.Ordinal),
            LazyThreadSafetyMode.ExecutionAndPublication);

        _embargoedChapters = new Lazy<HashSet<string>>(() =>
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chapter in loadEmbargoes())
                set.Add(chapter);
            return set;
        }, isThreadSafe: true);
    }

    public TariffLine? Lookup(string hsCode)
    {
        var lines = _lines.Value;
        for (var len = hsCode.Length; len >= 4; len -= 2)
        {
            if (lines.TryGetValue(hsCode[..len], out var line))
                return line;
        }
        return null;
    }

    public bool IsEmbargoed(string hsCode) =>
        hsCode.Length >= 2 && _embargoedChapters.Value.Contains(hsCode[..2]);

    public decimal Duty(string hsCode, decimal customsValue)
    {
        var line = Lookup(hsCode);
        return line is null ? 0m : Math.Round(customsValue * line.DutyRatePercent / 100m, 2);
    }
}

public sealed class DutyCalculator
{
    private readonly TariffSchedule _schedule;

    public DutyCalculator(TariffSchedule schedule) => _schedule = schedule;

    public (decimal Duty, bool Blocked) Assess(string hsCode, decimal value) =>
        _schedule.IsEmbargoed(hsCode) ? (0m, true) : (_schedule.Duty(hsCode, value), false);
}
