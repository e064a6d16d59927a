namespace Blind26.KelpFarm.Sampling;

public interface IHarvestLine
{
    string Name { get; }
    Task<long> WeighGramsAsync(CancellationToken ct);
}

/// <summary>
/// Samples the load cell on a kelp longline at a fixed cadence and keeps a rolling
/// average. The harvest dashboard reads <see cref="LatestAverageGrams"/> from API requests.
/// </summary>
public sealed class HarvestLineSampler : IAsyncDisposable
{
    private const int Window = 12;

    private readonly IHarvestLine _line;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Queue<long> _window = new(Window);
    private readonly Task _loop;
    private long _latestAverageGrams;
    private long _samples;
    private long _lastSampleTicks;

    public HarvestLineSampler(IHarvestLine line, TimeSpan interval)
    {
        _line = line;
        _interval = interval;
        _loop = RunAsync();
    }

    public long LatestAverageGrams => Interlocked.Read(ref _latestAverageGrams);

    public long Samples => Interlocked.Read(ref _samples);

    public DateTime? LastSampleUtc
    {
        get
        {
            long ticks = Interlocked.Read(ref _lastSampleTicks);
            return ticks == 0 ? null : new DateTime(ticks, DateTimeKind.Utc);
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                long grams;
                try
                {
                    grams = await _line.WeighGramsAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (IOException)
                {
                    continue;
                }

                _window.Enqueue(grams);
                if (_window.Count > Window)
                {
                    _window.Dequeue();
                }

                long sum = 0;
                foreach (long g in _window)
                {
                    sum += g;
                }

                Interlocked.Exchange(ref _latestAverageGrams, sum / _window.Count);
                Interlocked.Exchange(ref _lastSampleTicks, DateTime.UtcNow.Ticks);
                Interlocked.Increment(ref _samples);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
