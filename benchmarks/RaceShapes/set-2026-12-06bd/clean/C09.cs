namespace Blind56.ShoeRepair.Webhooks;

public sealed record RepairReadyHook(string TicketId, Uri Endpoint, string Payload);

/// <summary>
/// Schedules retries of "your shoes are ready" webhooks to the booking partners.
/// Shop tills call Enqueue and Reschedule; a single one-shot timer fires whenever
/// the earliest retry is due.
/// </summary>
public sealed class RepairHookRetryScheduler : IDisposable
{
    private readonly object _lock = new();
    private readonly SortedSet<(DateTimeOffset Due, string TicketId)> _schedule = new();
    private readonly Dictionary<string, (RepairReadyHook Hook, DateTimeOffset Due, int Attempts)> _entries = new();
    private readonly Func<RepairReadyHook, int, bool> _send;
    private readonly TimeProvider _clock;
    private readonly ITimer _timer;
    private bool _disposed;

    public RepairHookRetryScheduler(Func<RepairReadyHook, int, bool> send, TimeProvider clock)
    {
        _send = send;
        _clock = clock;
        _timer = clock.CreateTimer(_ => OnDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Enqueue(RepairReadyHook hook, TimeSpan delay)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            Remove(hook.TicketId);
            var due = _clock.GetUtcNow() + delay;
            _entries[hook.TicketId] = (hook, due, 0);
            _schedule.Add((due, hook.TicketId));
            ArmLocked();
        }
    }

    public bool Reschedule(string ticketId, TimeSpan delay)
    {
        lock (_lock)
        {
            if (_disposed || !_entries.TryGetValue(ticketId, out var entry))
            {
                return false;
            }

            _schedule.Remove((entry.Due, ticketId));
            var due = _clock.GetUtcNow() + delay;
            _entries[ticketId] = (entry.Hook, due, entry.Attempts);
            _schedule.Add((due, ticketId));
            ArmLocked();
            return true;
        }
    }

    private void OnDue()
    {
        var batch = new List<(RepairReadyHook Hook, int Attempt)>();
        lock (_lock)
        {
            var now = _clock.GetUtcNow();
            while (_schedule.Count > 0 && _schedule.Min.Due <= now)
            {
                var (due, ticketId) = _schedule.Min;
                _schedule.Remove((due, ticketId));
                var entry = _entries[ticketId];
                _entries.Remove(ticketId);
                batch.Add((entry.Hook, entry.Attempts + 1));
            }
        }

        foreach (var (hook, attempt) in batch)
        {
            if (!_send(hook, attempt) && attempt < 8)
            {
                lock (_lock)
                {
                    if (_disposed || _entries.ContainsKey(hook.TicketId))
                    {
                        continue;
                    }

                    var due = _clock.GetUtcNow() + TimeSpan.FromSeconds(Math.Pow(2, attempt));
                    _entries[hook.TicketId] = (hook, due, attempt);
                    _schedule.Add((due, hook.TicketId));
                }
            }
        }

        lock (_lock)
        {
            ArmLocked();
        }
    }

    private void Remove(string ticketId)
    {
        if (_entries.Remove(ticketId, out var existing))
        {
            _schedule.Remove((existing.Due, ticketId));
        }
    }

    private void ArmLocked()
    {
        if (_disposed || _schedule.Count == 0)
        {
            return;
        }

        var wait = _schedule.Min.Due - _clock.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _schedule.Clear();
            _entries.Clear();
        }

        _timer.Dispose();
    }
}
