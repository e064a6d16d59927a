namespace Blind57.IslandFerry.Cluster;

public sealed record LeaderView(long Term, string? LeaderId, bool IsSelf);

public interface ITimetablePeers
{
    Task<(long Term, string LeaderId)?> ListenAsync(TimeSpan timeout, CancellationToken ct);
    Task<bool> RequestVotesAsync(string candidate, long term, CancellationToken ct);
    void SendHeartbeat(string leaderId, long term);
}

/// <summary>
/// Chooses which timetable server publishes the island ferry departures board. The election loop
/// runs on a background task and heartbeats are sent from a timer; both work from a single
/// immutable view of the current term.
/// </summary>
public sealed class TimetableLeaderElector : IAsyncDisposable
{
    private readonly ITimetablePeers _peers;
    private readonly string _nodeId;
    private readonly Timer _heartbeat;
    private readonly CancellationTokenSource _stop = new();
    private LeaderView _view = new(0, null, false);
    private Task _loop = Task.CompletedTask;

    public TimetableLeaderElector(ITimetablePeers peers, string nodeId)
    {
        _peers = peers;
        _nodeId = nodeId;
        _heartbeat = new Timer(SendHeartbeat, null, Timeout.Infinite, Timeout.Infinite);
    }

    public LeaderView Current => Volatile.Read(ref _view);

    public void Start()
    {
        _loop = Task.Run(() => RunAsync(_stop.Token));
        _heartbeat.Change(TimeSpan.Zero, TimeSpan.FromMilliseconds(400));
    }

    private void SendHeartbeat(object? state)
    {
        var view = Volatile.Read(ref _view);
        if (view.IsSelf)
        {
            _peers.SendHeartbeat(_nodeId, view.Term);
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var heard = await _peers.ListenAsync(TimeSpan.FromSeconds(2), ct);
                if (heard is { } h)
                {
                    Observe(h.Term, h.LeaderId);
                    continue;
                }

                var view = Volatile.Read(ref _view);
                if (view.IsSelf) continue;

                long candidateTerm = view.Term + 1;
                if (await _peers.RequestVotesAsync(_nodeId, candidateTerm, ct))
                {
                    Observe(candidateTerm, _nodeId);
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Only ever moves forward to a higher term.
    private void Observe(long term, string leaderId)
    {
        while (true)
        {
            var current = Volatile.Read(ref _view);
            if (term <= current.Term) return;

            var next = new LeaderView(term, leaderId, leaderId == _nodeId);
            if (ReferenceEquals(Interlocked.CompareExchange(ref _view, next, current), current)) return;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _heartbeat.DisposeAsync();
        await _loop;
        _stop.Dispose();
    }
}
