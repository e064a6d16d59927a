using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind56.Chimney.Audit;

public sealed record AuditEntry(DateTimeOffset At, string InspectorId, string Address, string Action, string Detail);

/// <summary>
/// Audit trail for chimney inspection certificates. Controllers call Record from
/// request threads; the hosted service below drains the buffer to the daily
/// audit file in batches.
/// </summary>
public sealed class InspectionAuditTrail
{
    private readonly Channel<AuditEntry> _buffer = Channel.CreateBounded<AuditEntry>(new BoundedChannelOptions(10_000)
    {
        SingleReader = true,
        SingleWriter = false,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private long _dropped;

    public bool Record(AuditEntry entry)
    {
        if (_buffer.Writer.TryWrite(entry))
        {
            return true;
        }

        Interlocked.Increment(ref _dropped);
        return false;
    }

    public long Dropped => Interlocked.Read(ref _dropped);

    internal ChannelReader<AuditEntry> Reader => _buffer.Reader;

    internal void Complete() => _buffer.Writer.TryComplete();
}

public sealed class AuditFlushService : BackgroundService
{
    private const int MaxBatch = 200;
    private readonly InspectionAuditTrail _trail;
    private readonly string _directory;
    private readonly List<AuditEntry> _batch = new(MaxBatch);
    private readonly StringBuilder _lines = new();

    public AuditFlushService(InspectionAuditTrail trail, string directory)
    {
        _trail = trail;
        _directory = directory;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var reader = _trail.Reader;
        try
        {
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                while (_batch.Count < MaxBatch && reader.TryRead(out var entry))
                {
                    _batch.Add(entry);
                }

                await FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        while (reader.TryRead(out var remaining))
        {
            _batch.Add(remaining);
        }

        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        _trail.Complete();
        return base.StopAsync(cancellationToken);
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        if (_batch.Count == 0)
        {
            return;
        }

        _lines.Clear();
        foreach (var e in _batch)
        {
            _lines.Append(e.At.ToString("O")).Append('\t').Append(e.InspectorId).Append('\t')
                  .Append(e.Address).Append('\t').Append(e.Action).Append('\t').AppendLine(e.Detail);
        }

        string path = Path.Combine(_directory, $"audit-{DateTime.UtcNow:yyyyMMdd}.tsv");
        await File.AppendAllTextAsync(path, _lines.ToString(), ct).ConfigureAwait(false);
        _batch.Clear();
    }
}
