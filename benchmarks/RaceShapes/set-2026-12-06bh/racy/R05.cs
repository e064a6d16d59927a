namespace Blind60.PotteryKiln.Energy;

public sealed record KilnReading(string KilnId, double PeakCelsius, double KilowattHours);

public interface IKilnController
{
    string Id { get; }
    ValueTask<KilnReading> ReadFiringSummaryAsync(CancellationToken ct);
}

public sealed class FiringEnergyReport
{
    public double TotalKilowattHours { get; init; }
    public double HottestCelsius { get; init; }
    public int KilnsRead { get; init; }
}

/// <summary>
/// Collects the end-of-firing summaries from every kiln in the studio and totals the energy used.
/// </summary>
public sealed class FiringEnergyCollector
{
    private readonly IReadOnlyList<IKilnController> _kilns;
    private readonly int _maxParallel;

    public FiringEnergyCollector(IReadOnlyList<IKilnController> kilns, int maxParallel = 4)
    {
        _kilns = kilns;
        _maxParallel = maxParallel;
    }

    public async Task<FiringEnergyReport> CollectAsync(CancellationToken ct)
    {
        double totalKwh = 0;
        int kilnsRead = 0;
        var peaks = new System.Collections.Concurrent.ConcurrentBag<double>();

        var options = new ParallelOptions { MaxDegreeOfParallelism = _maxParallel, CancellationToken = ct };
        await Parallel.ForEachAsync(_kilns, options, async (kiln, token) =>
        {
            KilnReading reading;
            try
            {
                reading = await kiln.ReadFiringSummaryAsync(token);
            }
            catch (TimeoutException)
            {
                return;
            }

            totalKwh += reading.KilowattHours;
            Interlocked.Increment(ref kilnsRead);
            peaks.Add(reading.PeakCelsius);
        });

        return new FiringEnergyReport
        {
            TotalKilowattHours = totalKwh,
            HottestCelsius = peaks.IsEmpty ? 0 : peaks.Max(),
            KilnsRead = kilnsRead,
        };
    }
}
