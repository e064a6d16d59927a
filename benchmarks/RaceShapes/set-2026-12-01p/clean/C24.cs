using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind16.BloodBank.Inventory;

public sealed record AuditEntry(DateTimeOffset At, string? Operator, string Action, string UnitId);

/// <summary>
/// Carries the signed-in operator through async calls so audit entries can be
/// attributed without passing the name through every method.
/// </summary>
public static class OperatorContext
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current => s_current.Value;

    public static IDisposable Begin(string operatorName)
    {
        var previous = s_current.Value;
        s_current.Value = operatorName;
        return new Restore(previous);
    }

    private sealed class Restore : IDisposable
    {
        private readonly string? _previous;
        public Restore(string? previous) => _previous = previous;
        public void Dispose() => s_current.Value = _previous;
    }
}

/// <summary>
/// Blood unit inventory for the hospital transfusion lab. Registered as a singleton;
/// lab benches receive and issue units concurrently.
/// </summary>
public sealed class BloodUnitInventory
{
    private readonly object _sync = new();
    private readonly Dictionary<string, (string Group, DateOnly Expires)> _units = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AuditEntry> _audit = new();

    public async Task ReceiveAsync(string unitId, string group, DateOnly expires, Func<string, Task> labelPrinter)
    {
        lock (_sync)
        {
            _units[unitId] = (group, expires);
        }

        _audit.Enqueue(new AuditEntry(DateTimeOffset.UtcNow, OperatorContext.Current, "received", unitId));
        await labelPrinter(unitId).ConfigureAwait(false);
        _audit.Enqueue(new AuditEntry(DateTimeOffset.UtcNow, OperatorContext.Current, "labelled", unitId));
    }

    /// <summary>
    /// Issues the unit of the requested group closest to expiry.
    /// </summary>
    public string? Issue(string group)
    {
        string? chosen;
        lock (_sync)
        {
            chosen = _units
                .Where(u => u.Value.Group == group && u.Value.Expires >= DateOnly.FromDateTime(DateTime.Today))
                .OrderBy(u => u.Value.Expires)
                .Select(u => u.Key)
                .FirstOrDefault();

            if (chosen is not null)
            {
                _units.Remove(chosen);
            }
        }

        if (chosen is not null)
        {
            _audit.Enqueue(new AuditEntry(DateTimeOffset.UtcNow, OperatorContext.Current, "issued", chosen));
        }

        return chosen;
    }

    public IReadOnlyList<AuditEntry> DrainAudit()
    {
        var drained = new List<AuditEntry>();
        while (_audit.TryDequeue(out var entry))
        {
            drained.Add(entry);
        }
        return drained;
    }
}
