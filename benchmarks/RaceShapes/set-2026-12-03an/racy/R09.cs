using System.Diagnostics;

namespace Blind40.ClockTowers.Coordination;

public interface ILeaseStore
{
    bool TryAcquireOrRenew(string resource, string nodeId, TimeSpan duration);
    void Release(string resource, string nodeId);
}

/// <summary>
/// Decides which tower controller drives the town's chime schedule. Several
/// controllers run the same service; whichever holds the lease rings the bells.
/// The lease is renewed from a one-shot timer that reschedules itself, so two
/// renewals never overlap.
/// </summary>
public sealed class ChimeLeaderLease : IDisposable
{
    private const string Resource = "chime-schedule";

    private readonly ILeaseStore _store;
    private readonly string _nodeId;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeSpan _renewEvery;
    private Timer? _timer;
    private volatile bool _isLeader;
    private int _consecutiveFailures;

    public ChimeLeaderLease(ILeaseStore store, string nodeId, TimeSpan leaseDuration)
    {
        _store = store;
        _nodeId = nodeId;
        _leaseDuration = leaseDuration;
        _renewEvery = leaseDuration / 3;
    }

    public bool IsLeader => _isLeader;

    public event Action<bool>? LeadershipChanged;

    public void Start()
    {
        _timer = new Timer(OnRenew, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void OnRenew(object? state)
    {
        bool held;
        try
        {
            held = _store.TryAcquireOrRenew(Resource, _nodeId, _leaseDuration);
            Interlocked.Exchange(ref _consecutiveFailures, 0);
        }
        catch (Exception ex)
        {
            Trace.TraceWarning($"Lease renewal failed for {_nodeId}: {ex.Message}");
            held = false;
            Interlocked.Increment(ref _consecutiveFailures);
        }

        if (held != _isLeader)
        {
            _isLeader = held;
            LeadershipChanged?.Invoke(held);
        }

        // Back off while the store is unreachable, otherwise renew at a third of the lease.
        int failures = Volatile.Read(ref _consecutiveFailures);
        var next = failures == 0 ? _renewEvery : TimeSpan.FromSeconds(Math.Min(30, 1 << Math.Min(failures, 5)));
        _timer!.Change(next, Timeout.InfiniteTimeSpan);
    }

    public void Stop()
    {
        var timer = _timer;
        _timer = null;
        timer?.Dispose();

        if (_isLeader)
        {
            _isLeader = false;
            _store.Release(Resource, _nodeId);
            LeadershipChanged?.Invoke(false);
        }
    }

    public void Dispose() => Stop();
}
