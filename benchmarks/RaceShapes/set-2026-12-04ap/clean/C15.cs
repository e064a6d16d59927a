namespace Blind42.FishHatchery.Counts;

public sealed record TankCount(string TankId, int Fry, int Mortalities, double MeanLengthMm);

public interface ITankCamera
{
    Task<TankCount> CountAsync(string tankId, CancellationToken cancellationToken);
}

/// <summary>Progress sink that counts completed tanks; reports may arrive on any thread.</summary>
public sealed class TankProgress : IProgress<string>
{
    private readonly int _total;
    private readonly Action<string> _write;
    private int _done;

    public TankProgress(int total, Action<string> write)
    {
        _total = total;
        _write = write;
    }

    public void Report(string tankId)
    {
        var done = Interlocked.Increment(ref _done);
        _write($"[{done}/{_total}] counted {tankId}");
    }

    public int Completed => Volatile.Read(ref _done);
}

public sealed record HatcheryCensus(int TotalFry, int TotalMortalities, IReadOnlyList<TankCount> Tanks);

/// <summary>Runs the morning census across all raceways in parallel.</summary>
public sealed class HatcheryCensusRunner
{
    private readonly ITankCamera _camera;

    public HatcheryCensusRunner(ITankCamera camera) => _camera = camera;

    public async Task<HatcheryCensus> RunAsync(IReadOnlyList<string> tankIds, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var counts = tankIds.Select(async id =>
        {
            var count = await CountWithRetryAsync(id, cancellationToken).ConfigureAwait(false);
            progress.Report(id);
            return count;
        });

        var results = await Task.WhenAll(counts).ConfigureAwait(false);

        var fry = 0;
        var mortalities = 0;
        foreach (var r in results)
        {
            fry += r.Fry;
            mortalities += r.Mortalities;
        }
        return new HatcheryCensus(fry, mortalities, results);
    }

    private async Task<TankCount> CountWithRetryAsync(string tankId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _camera.CountAsync(tankId, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException) when (attempt < 3)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt * 2), cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
