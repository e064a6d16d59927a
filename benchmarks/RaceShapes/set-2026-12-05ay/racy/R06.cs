namespace Blind51.ObservatoryDomes.PlateArchive;

/// <summary>
/// Digitises a box of historic glass photographic plates. Plates are scanned in parallel;
/// the observatory's archive console polls the counters to draw a progress bar.
/// </summary>
public sealed class PlateScanJob
{
    private readonly Func<string, byte[]> _scanPlate;
    private readonly Action<string, byte[]> _storeImage;
    private int _platesScanned;
    private int _platesFailed;

    public PlateScanJob(Func<string, byte[]> scanPlate, Action<string, byte[]> storeImage)
    {
        _scanPlate = scanPlate;
        _storeImage = storeImage;
    }

    public int PlatesScanned => Volatile.Read(ref _platesScanned);
    public int PlatesFailed => Volatile.Read(ref _platesFailed);

    public Task RunAsync(IReadOnlyList<string> plateIds, CancellationToken cancellationToken)
    {
        var options = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = Math.Max(2, Environment.ProcessorCount / 2),
        };

        return Task.Run(() =>
            Parallel.ForEach(plateIds, options, plateId =>
            {
                try
                {
                    var image = _scanPlate(plateId);
                    _storeImage(plateId, image);
                    Interlocked.Increment(ref _platesScanned);
                }
                catch (IOException)
                {
                    _platesFailed++;
                }
            }), cancellationToken);
    }
}

/// <summary>
/// Backs the progress panel in the archive console. A timer refreshes the text once a second.
/// </summary>
public sealed class PlateScanProgressPanel : IDisposable
{
    private readonly PlateScanJob _job;
    private readonly int _totalPlates;
    private readonly System.Timers.Timer _refresh;
    private readonly Action<string> _render;

    public PlateScanProgressPanel(PlateScanJob job, int totalPlates, Action<string> render)
    {
        _job = job;
        _totalPlates = totalPlates;
        _render = render;
        _refresh = new System.Timers.Timer(1000) { AutoReset = true };
        _refresh.Elapsed += (_, _) => Refresh();
        _refresh.Start();
    }

    private void Refresh()
    {
        int done = _job.PlatesScanned;
        int failed = _job.PlatesFailed;
        double percent = _totalPlates == 0 ? 100 : 100.0 * (done + failed) / _totalPlates;
        _render($"{done} scanned, {failed} failed ({percent:F1}%)");
    }

    public void Dispose()
    {
        _refresh.Stop();
        _refresh.Dispose();
    }
}
