namespace StainedGlass.Annealing;

public sealed record AnnealStep(int FromCelsius, int ToCelsius, TimeSpan Duration);

/// <summary>
/// Annealing curves for each glass thickness, derived from the manufacturer's
/// chart the first time any kiln asks. Kiln controllers on separate threads
/// share the one table for the lifetime of the studio process.
/// </summary>
public sealed class AnnealingTable
{
    private static readonly Lazy<AnnealingTable> Shared =
        new(() => Build(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly IReadOnlyDictionary<int, IReadOnlyList<AnnealStep>> _byThicknessMm;

    private AnnealingTable(IReadOnlyDictionary<int, IReadOnlyList<AnnealStep>> byThicknessMm)
    {
        _byThicknessMm = byThicknessMm;
    }

    public static AnnealingTable Instance => Shared.Value;

    private static AnnealingTable Build()
    {
        var table = new Dictionary<int, IReadOnlyList<AnnealStep>>();
        foreach (var mm in new[] { 3, 6, 9, 12, 19, 25 })
        {
            var soak = TimeSpan.FromMinutes(30 * Math.Pow(mm / 6.0, 2));
            table[mm] = new[]
            {
                new AnnealStep(516, 516, soak),
                new AnnealStep(516, 427, TimeSpan.FromMinutes(mm * 6)),
                new AnnealStep(427, 370, TimeSpan.FromMinutes(mm * 3)),
                new AnnealStep(370, 21, TimeSpan.FromMinutes(mm * 4)),
            };
        }
        return new AnnealingTable(table);
    }

    public IReadOnlyList<AnnealStep> For(double thicknessMm)
    {
        var best = _byThicknessMm.Keys.Where(k => k >= thicknessMm).DefaultIfEmpty(_byThicknessMm.Keys.Max()).Min();
        return _byThicknessMm[best];
    }
}

public sealed class AnnealingKiln
{
    private readonly string _name;
    private readonly object _logGate = new();
    private readonly List<string> _log = new();

    public AnnealingKiln(string name) => _name = name;

    public Task RunAsync(double thicknessMm, Func<AnnealStep, CancellationToken, Task> drive, CancellationToken ct) =>
        Task.Run(async () =>
        {
            foreach (var step in AnnealingTable.Instance.For(thicknessMm))
            {
                await drive(step, ct).ConfigureAwait(false);
                lock (_logGate)
                {
                    _log.Add($"{_name}: {step.FromCelsius}->{step.ToCelsius} over {step.Duration}");
                }
            }
        }, ct);

    public IReadOnlyList<string> Log()
    {
        lock (_logGate) return _log.ToList();
    }
}
