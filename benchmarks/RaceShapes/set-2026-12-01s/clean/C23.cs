using System.Timers;

namespace Locksmith.Callouts;

public enum CalloutPriority { Standard, Urgent, Emergency }

public sealed record Callout(Guid Id, string Address, CalloutPriority Priority, DateTimeOffset RaisedAt);

public sealed record Escalation(Guid CalloutId, string Reason);

/// <summary>
/// Open call-outs waiting for a locksmith. The phone team's app raises and assigns
/// call-outs; a timer escalates anything left unassigned too long.
/// </summary>
public sealed class CalloutBoard : IDisposable
{
    private readonly object _sync = new();
    private readonly Dictionary<Guid, Callout> _open = new();
    private readonly HashSet<Guid> _escalated = new();
    private readonly System.Timers.Timer _escalationTimer;
    private readonly Action<Escalation> _escalate;

    public CalloutBoard(Action<Escalation> escalate)
    {
        _escalate = escalate;
        _escalationTimer = new System.Timers.Timer(TimeSpan.FromMinutes(1).TotalMilliseconds) { AutoReset = true };
        _escalationTimer.Elapsed += OnEscalationCheck;
        _escalationTimer.Start();
    }

    public Guid Raise(string address, CalloutPriority priority)
    {
        var callout = new Callout(Guid.NewGuid(), address, priority, DateTimeOffset.UtcNow);
        lock (_sync)
        {
            _open.Add(callout.Id, callout);
        }
        return callout.Id;
    }

    public bool Assign(Guid id)
    {
        lock (_sync)
        {
            _escalated.Remove(id);
            return _open.Remove(id);
        }
    }

    public IReadOnlyList<Callout> Open()
    {
        lock (_sync)
        {
            return _open.Values.OrderByDescending(c => c.Priority).ThenBy(c => c.RaisedAt).ToList();
        }
    }

    private void OnEscalationCheck(object? sender, ElapsedEventArgs e)
    {
        var now = DateTimeOffset.UtcNow;
        List<Escalation> toSend = new();

        lock (_sync)
        {
            foreach (var callout in _open.Values)
            {
                var limit = callout.Priority switch
                {
                    CalloutPriority.Emergency => TimeSpan.FromMinutes(5),
                    CalloutPriority.Urgent => TimeSpan.FromMinutes(20),
                    _ => TimeSpan.FromHours(2),
                };

                if (now - callout.RaisedAt > limit && _escalated.Add(callout.Id))
                    toSend.Add(new Escalation(callout.Id, $"{callout.Priority} unassigned for {limit.TotalMinutes:F0} min"));
            }
        }

        // Notify outside the lock; the pager call can be slow.
        foreach (var escalation in toSend)
            _escalate(escalation);
    }

    public void Dispose() => _escalationTimer.Dispose();
}
