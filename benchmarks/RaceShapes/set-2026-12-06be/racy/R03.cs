namespace Blind57.TideGauges.Cluster;

public sealed record TermNotice(long Term, string LeaderId);

public interface IGaugePeerTransport
{
    Task<TermNotice?> ReceiveTermAsync(TimeSpan timeout, CancellationToken ct);
    Task<bool> RequestVotesAsync(string candidateId, long term, CancellationToken ct);
    void SendHeartbeat(string leaderId, long term);
}

/// <summary>
/// Elects one tide gauge station per estuary to aggregate readings for the harbour authority.
/// The election loop runs on a background task; heartbeats are sent from a timer.
/// </summary>
public sealed class GaugeLeaderElector : IAsyncDisposable
{
    private static readonly TimeSpan ElectionTimeout = TimeSpan.FromSeconds(3);

    private readonly object _gate = new();
    private readonly IGaugePeerTransport _transport;
    private readonly string _nodeId;
    private readonly CancellationTokenSource _stop = new();
    private Timer? _heartbeatTimer;
    private Task _loop = Task.CompletedTask;
    private long _term;
    private bool _isLeader;

    public GaugeLeaderElector(IGaugePeerTransport transport, string nodeId)
    {
        _transport = transport;
        _nodeId = nodeId;
    }

    public bool IsLeader
    {
        get { lock (_gate) return _isLeader; }
    }

    public void Start()
    {
        _loop = Task.Run(() => ElectionLoopAsync(_stop.Token));
        _heartbeatTimer = new Timer(SendHeartbeat, null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
    }

    private async Task ElectionLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TermNotice? notice;
            try
            {
                notice = await _transport.ReceiveTermAsync(ElectionTimeout, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (notice is not null)
            {
                lock (_gate)
                {
                    if (notice.Term > _term)
                    {
                        _term = notice.Term;
                        _isLeader = notice.LeaderId == _nodeId;
                    }
                }
                continue;
            }

            // Nobody has been heard from within the timeout: stand for election.
            long candidateTerm;
            lock (_gate)
            {
                if (_isLeader) continue;
                candidateTerm = _term + 1;
            }

            if (await _transport.RequestVotesAsync(_nodeId, candidateTerm, ct))
            {
                lock (_gate)
                {
                    if (candidateTerm > _term)
                    {
                        _term = candidateTerm;
                        _isLeader = true;
                    }
                }
            }
        }
    }

    private void SendHeartbeat(object? state)
    {
        if (!IsLeader)
        {
            return;
        }

        _transport.SendHeartbeat(_nodeId, _term);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        if (_heartbeatTimer is not null)
        {
            await _heartbeatTimer.DisposeAsync();
        }
        await _loop;
        _stop.Dispose();
    }
}
