using System.Threading.Channels;

namespace Blind31.CathedralStonemasons.Telemetry;

public sealed record ChiselStrike(string Mason, string BlockId, double ForceNewtons, DateTime AtUtc);

/// <summary>
/// Exports strike telemetry from the masons' instrumented mallets to the conservation
/// team's database. Strikes are buffered and written in batches of at most
/// <c>maxBatch</c>, or whatever has arrived within <c>maxDelay</c>.
/// </summary>
public sealed class StrikeTelemetryExporter : IAsyncDisposable
{
    private readonly Channel<ChiselStrike> _channel = Channel.CreateBounded<ChiselStrike>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    private readonly Func<IReadOnlyList<ChiselStrike>, CancellationToken, Task> _export;
    private readonly int _maxBatch;
    private readonly TimeSpan _maxDelay;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private long _exported;

    public StrikeTelemetryExporter(Func<IReadOnlyList<ChiselStrike>, CancellationToken, Task> export, int maxBatch, TimeSpan maxDelay)
    {
        _export = export;
        _maxBatch = maxBatch;
        _maxDelay = maxDelay;
        _pump = Task.Run(() => PumpAsync(_stop.Token));
    }

    public long Exported => Interlocked.Read(ref _exported);

    /// <summary>Called from each mallet's Bluetooth receive callback.</summary>
    public bool Record(ChiselStrike strike) => _channel.Writer.TryWrite(strike);

    private async Task PumpAsync(CancellationToken stop)
    {
        var batch = new List<ChiselStrike>(_maxBatch);
        bool completed = false;

        while (!completed)
        {
            using (var window = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                window.CancelAfter(_maxDelay);
                try
                {
                    while (batch.Count < _maxBatch)
                    {
                        batch.Add(await _channel.Reader.ReadAsync(window.Token).ConfigureAwait(false));
                    }
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // Window elapsed; export what we have.
                }
                catch (ChannelClosedException)
                {
                    completed = true;
                }
            }

            if (batch.Count > 0)
            {
                await _export(batch.ToArray(), CancellationToken.None).ConfigureAwait(false);
                Interlocked.Add(ref _exported, batch.Count);
                batch.Clear();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _pump.ConfigureAwait(false);
        _stop.Dispose();
    }
}
