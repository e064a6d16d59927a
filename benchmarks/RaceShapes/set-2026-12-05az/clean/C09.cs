using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Blind52.CanalLocks.Leadership;

public sealed record SluiceLease(string HolderNodeId, long Term, DateTimeOffset ExpiresAt);

public interface ILeaseStore
{
    Task<SluiceLease?> TryAcquireOrRenewAsync(string nodeId, TimeSpan duration, CancellationToken ct);
}

/// <summary>
/// Keeps this lock-keeper node's claim on the sluice-control lease. Only the
/// node holding the lease may move gates or paddles; the others stay on standby.
/// Runs as a hosted service and is also registered as a singleton so request
/// handlers can ask whether this node is in charge.
/// </summary>
public sealed class SluiceLeadership : BackgroundService
{
    private readonly ILeaseStore _store;
    private readonly TimeProvider _clock;
    private readonly ILogger<SluiceLeadership> _logger;
    private readonly TimeSpan _leaseDuration = TimeSpan.FromSeconds(15);
    private SluiceLease? _lease;

    public SluiceLeadership(ILeaseStore store, TimeProvider clock, ILogger<SluiceLeadership> logger, string nodeId)
    {
        _store = store;
        _clock = clock;
        _logger = logger;
        NodeId = nodeId;
    }

    public string NodeId { get; }

    /// <summary>The lease this node holds right now, or null when on standby.</summary>
    public SluiceLease? CurrentLease
    {
        get
        {
            var lease = Volatile.Read(ref _lease);
            if (lease is null || lease.HolderNodeId != NodeId || lease.ExpiresAt <= _clock.GetUtcNow())
            {
                return null;
            }

            return lease;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_leaseDuration / 3);
        do
        {
            try
            {
                var lease = await _store.TryAcquireOrRenewAsync(NodeId, _leaseDuration, stoppingToken).ConfigureAwait(false);
                var previous = Interlocked.Exchange(ref _lease, lease);
                if (previous?.HolderNodeId != lease?.HolderNodeId)
                {
                    _logger.LogInformation("Sluice lease now held by {Holder} (term {Term})", lease?.HolderNodeId, lease?.Term);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Lease renewal failed; keeping last known lease until it expires");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }
}

/// <summary>
/// Handles gate commands from the lock-keeper's panel and the boater app.
/// </summary>
public sealed class GateCommandHandler
{
    private readonly SluiceLeadership _leadership;
    private readonly Func<int, long, Task> _openUpstreamGate;

    public GateCommandHandler(SluiceLeadership leadership, Func<int, long, Task> openUpstreamGate)
    {
        _leadership = leadership;
        _openUpstreamGate = openUpstreamGate;
    }

    public async Task<bool> TryOpenUpstreamAsync(int lockNumber)
    {
        var lease = _leadership.CurrentLease;
        if (lease is null)
        {
            return false;
        }

        await _openUpstreamGate(lockNumber, lease.Term).ConfigureAwait(false);
        return true;
    }
}
