using System.Collections.Concurrent;

namespace Blind58.TandemHireAudit;

/// <summary>Immutable context describing the hire counter operation in progress.</summary>
public sealed record HireContext(string CorrelationId, string Branch, string? StaffMember);

/// <summary>
/// Ambient hire context that flows with async calls, so audit entries written deep inside
/// the booking code know which branch and staff member started the operation.
/// </summary>
public static class HireScope
{
    private static readonly AsyncLocal<HireContext?> s_current = new();

    public static HireContext? Current => s_current.Value;

    public static IDisposable Begin(string branch, string? staffMember)
    {
        var previous = s_current.Value;
        s_current.Value = new HireContext(Guid.NewGuid().ToString("N"), branch, staffMember);
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly HireContext? _previous;

        public Restore(HireContext? previous) => _previous = previous;

        public void Dispose() => s_current.Value = _previous;
    }
}

/// <summary>Audit trail shared by all branches' counter tablets.</summary>
public sealed class HireAuditLog
{
    private readonly ConcurrentQueue<string> _entries = new();

    public void Write(string message)
    {
        var context = HireScope.Current;
        _entries.Enqueue($"{DateTimeOffset.UtcNow:O} [{context?.Branch ?? "-"}/{context?.CorrelationId ?? "-"}] {context?.StaffMember ?? "system"}: {message}");
    }

    public IReadOnlyList<string> Drain()
    {
        var drained = new List<string>();
        while (_entries.TryDequeue(out var entry)) drained.Add(entry);
        return drained;
    }
}

/// <summary>Checks out tandems at several branches at once during the morning rush.</summary>
public sealed class MorningCheckout
{
    private readonly HireAuditLog _audit;

    public MorningCheckout(HireAuditLog audit) => _audit = audit;

    public Task CheckOutAllAsync(IEnumerable<(string Branch, string Staff, int Bikes)> batches) =>
        Task.WhenAll(batches.Select(b => CheckOutAsync(b.Branch, b.Staff, b.Bikes)));

    private async Task CheckOutAsync(string branch, string staff, int bikes)
    {
        using (HireScope.Begin(branch, staff))
        {
            _audit.Write($"checking out {bikes} tandem(s)");
            await Task.Delay(Random.Shared.Next(5, 50)).ConfigureAwait(false);
            await Parallel.ForEachAsync(Enumerable.Range(1, bikes), async (bike, ct) =>
            {
                await Task.Yield();
                _audit.Write($"bike {bike} safety check passed");
            }).ConfigureAwait(false);
            _audit.Write("checkout complete");
        }
    }
}
