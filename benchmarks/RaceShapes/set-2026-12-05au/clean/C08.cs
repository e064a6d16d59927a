using System.Threading.Channels;

namespace Blind47.ThemePark.Coaster;

public sealed record TrainLoad(int TrainNumber, int Riders, DateTime DispatchedAt);

/// <summary>
/// Counts riders through the roller coaster's station. Trains are reported by
/// the dispatch panel and processed by a small pool of workers that also push
/// the count to the park's queue-time board.
/// </summary>
public sealed class CoasterThroughput
{
    private readonly Channel<TrainLoad> _loads = Channel.CreateBounded<TrainLoad>(new BoundedChannelOptions(64)
    {
        SingleWriter = true,
        SingleReader = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Func<int, CancellationToken, Task> _updateBoard;
    private long _riders;
    private int _trains;

    public CoasterThroughput(Func<int, CancellationToken, Task> updateBoard) => _updateBoard = updateBoard;

    public long Riders => Interlocked.Read(ref _riders);

    public int Trains => Volatile.Read(ref _trains);

    public ValueTask ReportAsync(TrainLoad load, CancellationToken ct) => _loads.Writer.WriteAsync(load, ct);

    public void EndOfDay() => _loads.Writer.TryComplete();

    public Task RunWorkersAsync(int workers, CancellationToken ct)
    {
        var tasks = new Task[workers];
        for (var i = 0; i < workers; i++)
        {
            tasks[i] = WorkAsync(ct);
        }

        return Task.WhenAll(tasks);
    }

    private async Task WorkAsync(CancellationToken ct)
    {
        await foreach (var load in _loads.Reader.ReadAllAsync(ct))
        {
            var total = Interlocked.Add(ref _riders, load.Riders);
            var trains = Interlocked.Increment(ref _trains);
            if (trains % 10 == 0)
            {
                await _updateBoard((int)Math.Min(total, int.MaxValue), ct);
            }
        }
    }
}

public static class DispatchPanel
{
    public static async Task SimulateAsync(CoasterThroughput throughput, int trains, CancellationToken ct)
    {
        var workers = throughput.RunWorkersAsync(3, ct);
        for (var t = 1; t <= trains; t++)
        {
            await throughput.ReportAsync(new TrainLoad(t, 20 + t % 8, DateTime.UtcNow), ct);
        }

        throughput.EndOfDay();
        await workers;
    }
}
