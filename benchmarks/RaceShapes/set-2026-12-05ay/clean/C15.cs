using System.Threading.Channels;

namespace Blind51.BellFoundries.Tuning;

public sealed record BellBlank(string Name, double DiameterMm, double TargetStrikeHz);

/// <summary>
/// Feeds cast bell blanks to the tuning lathe in batches. At the end of the shift the
/// blanks still waiting for a full batch are handed back for the next day.
/// </summary>
public sealed class TuningLatheQueue
{
    private readonly Channel<BellBlank> _blanks = Channel.CreateUnbounded<BellBlank>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<BellBlank>, CancellationToken, Task> _tuneBatch;
    private readonly int _batchSize;

    public TuningLatheQueue(Func<IReadOnlyList<BellBlank>, CancellationToken, Task> tuneBatch, int batchSize)
    {
        _tuneBatch = tuneBatch;
        _batchSize = batchSize;
    }

    public bool Enqueue(BellBlank blank) => _blanks.Writer.TryWrite(blank);

    /// <summary>
    /// Runs until the shift ends. Returns the blanks that were waiting for a full batch.
    /// </summary>
    public async Task<IReadOnlyList<BellBlank>> RunAsync(CancellationToken shiftEnd)
    {
        var batch = new List<BellBlank>(_batchSize);

        using (shiftEnd.Register(static state => ((ChannelWriter<BellBlank>)state!).TryComplete(), _blanks.Writer))
        {
            while (await _blanks.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_blanks.Reader.TryRead(out var blank))
                {
                    batch.Add(blank);
                    if (batch.Count < _batchSize) continue;

                    var full = batch.ToArray();
                    batch.Clear();
                    try
                    {
                        await _tuneBatch(full, shiftEnd).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (shiftEnd.IsCancellationRequested)
                    {
                        batch.AddRange(full);
                    }
                }
            }
        }

        return batch;
    }
}

/// <summary>
/// A tuning shift at the foundry.
/// </summary>
public sealed class TuningShift : IDisposable
{
    private readonly CancellationTokenSource _shift = new();
    private readonly TuningLatheQueue _queue;
    private readonly Task<IReadOnlyList<BellBlank>> _run;

    public TuningShift(Func<IReadOnlyList<BellBlank>, CancellationToken, Task> tuneBatch)
    {
        _queue = new TuningLatheQueue(tuneBatch, batchSize: 4);
        _run = Task.Run(() => _queue.RunAsync(_shift.Token));
    }

    public bool Deliver(BellBlank blank) => _queue.Enqueue(blank);

    public async Task<IReadOnlyList<BellBlank>> EndAsync()
    {
        _shift.Cancel();
        return await _run.ConfigureAwait(false);
    }

    public void Dispose() => _shift.Dispose();
}
