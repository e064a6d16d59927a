namespace Blind30.SaltWorks;

public sealed record BrineSample(string Pan, double Density, double TemperatureC);

public sealed record PanStatus(string Pan, double MeanDensity, bool ReadyToRake);

public interface IBrineProbe
{
    Task<IReadOnlyList<BrineSample>> SampleAsync(string pan, CancellationToken ct);
}

/// <summary>
/// Morning round at the salt works: every pan's probe is sampled at the same time and
/// the results are combined into the raking list.
/// </summary>
public sealed class MorningRound
{
    private const double RakingDensity = 1.21;
    private readonly IBrineProbe _probe;

    public MorningRound(IBrineProbe probe)
    {
        _probe = probe;
    }

    public async Task<PanStatus[]> RunAsync(IReadOnlyList<string> pans, CancellationToken ct)
    {
        var statuses = new PanStatus[pans.Count];
        var tasks = new Task[pans.Count];

        for (int i = 0; i < pans.Count; i++)
        {
            int slot = i;
            tasks[i] = SampleIntoAsync(slot);
        }

        await Task.WhenAll(tasks).ConfigureAwait(false);
        return statuses;

        async Task SampleIntoAsync(int slot)
        {
            var samples = await _probe.SampleAsync(pans[slot], ct).ConfigureAwait(false);
            double mean = samples.Count == 0 ? 0 : samples.Average(s => s.Density);
            statuses[slot] = new PanStatus(pans[slot], mean, mean >= RakingDensity);
        }
    }

    public static string RakingList(IEnumerable<PanStatus> statuses) =>
        string.Join(", ", statuses.Where(s => s.ReadyToRake).Select(s => s.Pan));
}

/// <summary>Probe stand-in used on the test bench.</summary>
public sealed class BenchProbe : IBrineProbe
{
    public async Task<IReadOnlyList<BrineSample>> SampleAsync(string pan, CancellationToken ct)
    {
        await Task.Delay(20, ct).ConfigureAwait(false);
        double density = 1.15 + (pan.Length % 10) / 100.0;
        return new[] { new BrineSample(pan, density, 24.0), new BrineSample(pan, density + 0.01, 24.5) };
    }
}
