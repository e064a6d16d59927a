using System.Collections.Concurrent;

namespace Ferry.Ticketing;

public sealed record TicketScan(string GateId, string Barcode, DateTime AtUtc);

/// <summary>
/// Buffers ticket scans from the quay gates and uploads them to the booking system in batches.
/// Scanners call <see cref="Enqueue"/> from their own threads; one uploader loop drains the queue.
/// </summary>
public sealed class ScanUploader : IDisposable
{
    private readonly ConcurrentQueue<TicketScan> _pending = new();
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Func<IReadOnlyList<TicketScan>, CancellationToken, Task> _upload;
    private long _uploaded;

    public ScanUploader(Func<IReadOnlyList<TicketScan>, CancellationToken, Task> upload) => _upload = upload;

    public long Uploaded => Interlocked.Read(ref _uploaded);

    public void Enqueue(TicketScan scan)
    {
        _pending.Enqueue(scan);
        _signal.Release();
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var batch = new List<TicketScan>(100);
        while (!ct.IsCancellationRequested)
        {
            await _signal.WaitAsync(ct).ConfigureAwait(false);

            while (batch.Count < 100 && _pending.TryDequeue(out var scan))
                batch.Add(scan);

            if (batch.Count == 0)
                continue;

            await _upload(batch.ToArray(), ct).ConfigureAwait(false);
            Interlocked.Add(ref _uploaded, batch.Count);
            batch.Clear();
        }
    }

    public void Dispose() => _signal.Dispose();
}

public static class ScanParsing
{
    public static TicketScan? Parse(string gateId, string raw)
    {
        var barcode = raw.Trim();
        if (barcode.Length < 8 || !barcode.All(char.IsLetterOrDigit))
            return null;
        return new TicketScan(gateId, barcode.ToUpperInvariant(), DateTime.UtcNow);
    }
}
