using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind46.StoneQuarry.BlastLogs;

public sealed record BlastRecord(string BenchId, DateTime FiredUtc, double ChargeKg, double PeakVibrationMmS);

public interface IBlastLogArchive
{
    Task AppendAsync(IReadOnlyList<BlastRecord> records, CancellationToken ct);
}

/// <summary>
/// Batches blast records from the shot-firers' tablets into the regulatory archive.
/// Runs as a hosted service and is also injected into the admin endpoint, which can
/// ask for an immediate flush before an inspection.
/// </summary>
public sealed class BlastLogBatcher : BackgroundService
{
    private abstract record Message;
    private sealed record Append(BlastRecord Record) : Message;
    private sealed record Flush(TaskCompletionSource Done) : Message;

    private const int BatchSize = 25;

    private readonly Channel<Message> _inbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
    private readonly List<BlastRecord> _pending = new(BatchSize);
    private readonly IBlastLogArchive _archive;

    public BlastLogBatcher(IBlastLogArchive archive) => _archive = archive;

    public ValueTask AddAsync(BlastRecord record, CancellationToken ct) =>
        _inbox.Writer.WriteAsync(new Append(record), ct);

    public async Task FlushAsync(CancellationToken ct)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _inbox.Writer.WriteAsync(new Flush(done), ct).ConfigureAwait(false);
        await done.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var message in _inbox.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                switch (message)
                {
                    case Append append:
                        _pending.Add(append.Record);
                        if (_pending.Count >= BatchSize)
                            await WritePendingAsync(stoppingToken).ConfigureAwait(false);
                        break;

                    case Flush flush:
                        try
                        {
                            await WritePendingAsync(stoppingToken).ConfigureAwait(false);
                            flush.Done.TrySetResult();
                        }
                        catch (Exception ex)
                        {
                            flush.Done.TrySetException(ex);
                        }
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await WritePendingAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task WritePendingAsync(CancellationToken ct)
    {
        if (_pending.Count == 0)
            return;

        var batch = _pending.ToArray();
        _pending.Clear();
        await _archive.AppendAsync(batch, ct).ConfigureAwait(false);
    }
}
