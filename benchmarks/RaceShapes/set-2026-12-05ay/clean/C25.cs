using System.Collections.Concurrent;

namespace Blind51.TattooStudios.Audit;

public sealed record AuditEntry(DateTimeOffset At, string CorrelationId, string Artist, string Action, string Detail);

/// <summary>
/// Audit trail for a tattoo studio's client records (consent forms, aftercare notes,
/// design approvals). The correlation id for the current operation flows with the async
/// call chain; entries from every concurrent operation are appended to one shared queue
/// and periodically written to the compliance log.
/// </summary>
public sealed class StudioAuditTrail
{
    private static readonly AsyncLocal<string?> s_correlation = new();
    private readonly ConcurrentQueue<AuditEntry> _pending = new();
    private readonly TimeProvider _time;

    public StudioAuditTrail(TimeProvider time) => _time = time;

    public static string? CurrentCorrelationId => s_correlation.Value;

    public static IDisposable BeginOperation(string correlationId)
    {
        var previous = s_correlation.Value;
        s_correlation.Value = correlationId;
        return new Restore(previous);
    }

    public void Record(string artist, string action, string detail) =>
        _pending.Enqueue(new AuditEntry(_time.GetUtcNow(), s_correlation.Value ?? "-", artist, action, detail));

    public int Flush(Action<AuditEntry> write)
    {
        int written = 0;
        while (_pending.TryDequeue(out var entry))
        {
            write(entry);
            written++;
        }
        return written;
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;
        public Restore(string? previous) => _previous = previous;
        public void Dispose() => s_correlation.Value = _previous;
    }
}

/// <summary>
/// Handles a client's consent signing. Each call runs as its own operation with its own
/// correlation id, even when many clients sign at once on the studio tablets.
/// </summary>
public sealed class ConsentFormHandler
{
    private readonly StudioAuditTrail _audit;
    private readonly Func<string, CancellationToken, Task<bool>> _verifyIdentity;

    public ConsentFormHandler(StudioAuditTrail audit, Func<string, CancellationToken, Task<bool>> verifyIdentity)
    {
        _audit = audit;
        _verifyIdentity = verifyIdentity;
    }

    public async Task<bool> SignAsync(string artist, string clientId, string design, CancellationToken cancellationToken)
    {
        using var _ = StudioAuditTrail.BeginOperation(Guid.NewGuid().ToString("N")[..12]);
        _audit.Record(artist, "consent-start", $"{clientId}: {design}");

        bool verified = await _verifyIdentity(clientId, cancellationToken).ConfigureAwait(false);

        _audit.Record(artist, verified ? "consent-signed" : "consent-rejected", clientId);
        return verified;
    }
}

/// <summary>
/// Writes pending audit entries to the compliance log every thirty seconds.
/// </summary>
public sealed class AuditFlusher : IDisposable
{
    private readonly Timer _timer;

    public AuditFlusher(StudioAuditTrail audit, TextWriter log)
    {
        var synchronizedLog = TextWriter.Synchronized(log);
        _timer = new Timer(_ => audit.Flush(e => synchronizedLog.WriteLine($"{e.At:O}\t{e.CorrelationId}\t{e.Artist}\t{e.Action}\t{e.Detail}")),
            null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    public void Dispose() => _timer.Dispose();
}
