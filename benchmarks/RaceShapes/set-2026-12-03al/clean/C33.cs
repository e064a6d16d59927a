using System.Collections.Concurrent;

namespace Blind38.SnowGrooming.Shifts;

/// <summary>One groomer operator's active night shift.</summary>
public sealed class GroomerShift
{
    private readonly object _sync = new();
    private readonly List<string> _pistesDone = new();
    private DateTime _lastPingUtc;
    private double _hoursOnEngine;
    private bool _ended;

    public GroomerShift(string operatorId, string machine)
    {
        OperatorId = operatorId;
        Machine = machine;
        _lastPingUtc = DateTime.UtcNow;
    }

    public string OperatorId { get; }
    public string Machine { get; }

    public void Ping(string? pisteCompleted, double engineHours)
    {
        lock (_sync)
        {
            if (_ended)
            {
                return;
            }

            _lastPingUtc = DateTime.UtcNow;
            _hoursOnEngine = Math.Max(_hoursOnEngine, engineHours);
            if (pisteCompleted is not null)
            {
                _pistesDone.Add(pisteCompleted);
            }
        }
    }

    public bool TryEndIfSilentSince(DateTime cutoff)
    {
        lock (_sync)
        {
            if (_ended || _lastPingUtc >= cutoff)
            {
                return false;
            }

            _ended = true;
            return true;
        }
    }

    public void End()
    {
        lock (_sync)
        {
            _ended = true;
        }
    }

    public (string[] Pistes, double EngineHours, bool Ended) Summary()
    {
        lock (_sync)
        {
            return (_pistesDone.ToArray(), _hoursOnEngine, _ended);
        }
    }
}

/// <summary>
/// In-memory store of active grooming shifts. Registered as a singleton: cab tablets ping
/// through the API, and the dispatcher's console ends shifts; a sweep timer closes shifts
/// whose radio has gone quiet.
/// </summary>
public sealed class ShiftStore : IDisposable
{
    private readonly ConcurrentDictionary<string, GroomerShift> _shifts = new();
    private readonly System.Timers.Timer _sweep;
    private readonly TimeSpan _silenceLimit;
    private readonly Action<GroomerShift> _onClosed;

    public ShiftStore(TimeSpan silenceLimit, Action<GroomerShift> onClosed)
    {
        _silenceLimit = silenceLimit;
        _onClosed = onClosed;
        _sweep = new System.Timers.Timer(TimeSpan.FromMinutes(1).TotalMilliseconds) { AutoReset = true };
        _sweep.Elapsed += (_, _) => Sweep();
        _sweep.Start();
    }

    public GroomerShift Begin(string operatorId, string machine, CancellationToken endOfNight)
    {
        var shift = _shifts.GetOrAdd(operatorId, id => new GroomerShift(id, machine));
        endOfNight.Register(static state =>
        {
            var (store, s) = ((ShiftStore, GroomerShift))state!;
            s.End();
            store.Close(s);
        }, (this, shift));
        return shift;
    }

    public bool TryGet(string operatorId, out GroomerShift? shift) => _shifts.TryGetValue(operatorId, out shift);

    private void Sweep()
    {
        var cutoff = DateTime.UtcNow - _silenceLimit;
        foreach (var shift in _shifts.Values)
        {
            if (shift.TryEndIfSilentSince(cutoff))
            {
                Close(shift);
            }
        }
    }

    private void Close(GroomerShift shift)
    {
        if (_shifts.TryRemove(new KeyValuePair<string, GroomerShift>(shift.OperatorId, shift)))
        {
            _onClosed(shift);
        }
    }

    public void Dispose()
    {
        _sweep.Stop();
        _sweep.Dispose();
    }
}
