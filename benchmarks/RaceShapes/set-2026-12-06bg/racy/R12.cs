using System.Text.Json;

namespace Blind59.Forge.Audit;

public sealed record ForgeAuditEntry(DateTime At, string User, string Action, string Detail);

/// <summary>
/// Collects audit entries for the forge's commission and stock system (who changed a
/// quote, who booked the power hammer, who signed off a gate for galvanising) and
/// appends them to the daily audit file in batches. One instance is shared by all
/// controllers.
/// </summary>
public sealed class ForgeAuditWriter : IAsyncDisposable
{
    private readonly string _directory;
    private readonly Timer _flushTimer;
    private List<ForgeAuditEntry> _batch = new();
    private int _flushing;

    public ForgeAuditWriter(string directory)
    {
        _directory = directory;
        _flushTimer = new Timer(_ => _ = FlushAsync(), null, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5));
    }

    public void Write(string user, string action, string detail)
    {
        var entry = new ForgeAuditEntry(DateTime.UtcNow, user, action, detail);
        lock (_batch)
        {
            _batch.Add(entry);
        }
    }

    public async Task FlushAsync()
    {
        if (Interlocked.Exchange(ref _flushing, 1) == 1)
        {
            return;
        }

        try
        {
            List<ForgeAuditEntry> toWrite;
            lock (_batch)
            {
                if (_batch.Count == 0)
                {
                    return;
                }
                toWrite = _batch;
                _batch = new List<ForgeAuditEntry>(toWrite.Count);
            }

            var path = Path.Combine(_directory, $"audit-{DateTime.UtcNow:yyyyMMdd}.jsonl");
            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await using var writer = new StreamWriter(stream);
            foreach (var entry in toWrite)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(entry)).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _flushTimer.DisposeAsync().ConfigureAwait(false);
        await FlushAsync().ConfigureAwait(false);
    }
}

/// <summary>
/// Service used by the commissions controller.
/// </summary>
public sealed class CommissionService
{
    private readonly ForgeAuditWriter _audit;

    public CommissionService(ForgeAuditWriter audit) => _audit = audit;

    public void ApproveQuote(string user, string commissionId, decimal amount)
    {
        // ... persist the approval ...
        _audit.Write(user, "quote.approved", $"{commissionId} at {amount:C}");
    }

    public void BookPowerHammer(string user, DateOnly day, int slot)
    {
        _audit.Write(user, "hammer.booked", $"{day:yyyy-MM-dd} slot {slot}");
    }
}
