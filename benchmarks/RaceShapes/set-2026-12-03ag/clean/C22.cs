using System.Threading.Channels;

namespace RowingClub.Audit;

public sealed record AuditEntry(long Sequence, DateTime At, string Member, string Action, string Boat);

/// <summary>
/// Audit trail of boathouse actions (boat out, boat in, damage reported).
/// Registered as a singleton; the booking API, the door-card reader and the
/// coach app all append to it. A single writer task owns the log file.
/// </summary>
public sealed class BoathouseAuditTrail : IAsyncDisposable
{
    private readonly Channel<AuditEntry> _entries = Channel.CreateUnbounded<AuditEntry>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly TextWriter _log;
    private readonly Task _writer;
    private long _sequence;
    private long _written;

    public BoathouseAuditTrail(TextWriter log)
    {
        _log = log;
        _writer = Task.Run(WriteLoopAsync);
    }

    public long Append(string member, string action, string boat)
    {
        long sequence = Interlocked.Increment(ref _sequence);
        var entry = new AuditEntry(sequence, DateTime.UtcNow, member, action, boat);
        if (!_entries.Writer.TryWrite(entry))
        {
            throw new ObjectDisposedException(nameof(BoathouseAuditTrail));
        }
        return sequence;
    }

    public long WrittenCount => Interlocked.Read(ref _written);

    private async Task WriteLoopAsync()
    {
        var reader = _entries.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var entry))
            {
                await _log.WriteLineAsync(
                    $"{entry.Sequence:D8}\t{entry.At:O}\t{entry.Member}\t{entry.Action}\t{entry.Boat}").ConfigureAwait(false);
                Interlocked.Increment(ref _written);
            }

            await _log.FlushAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _entries.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
        await _log.FlushAsync().ConfigureAwait(false);
    }
}

public static class RegattaDay
{
    public static async Task SimulateAsync(BoathouseAuditTrail audit, IReadOnlyList<string> crews)
    {
        await Parallel.ForEachAsync(crews, async (crew, ct) =>
        {
            audit.Append(crew, "boat out", $"{crew}-eight");
            await Task.Delay(10, ct).ConfigureAwait(false);
            audit.Append(crew, "boat in", $"{crew}-eight");
        }).ConfigureAwait(false);
    }
}
