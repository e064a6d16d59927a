using Microsoft.Extensions.Hosting;

namespace Blind50.FireLookout.Election;

public interface ILookoutLeaseStore
{
    Task<bool> TryClaimAsync(string towerId, long term, TimeSpan ttl, CancellationToken cancellationToken);
}

/// <summary>
/// Elects one lookout tower in the district as the coordinator that forwards smoke sightings
/// to the regional dispatch desk. Each election win or step-down opens a new term, and the
/// term number is attached to every forwarded sighting so dispatch can ignore stale coordinators.
/// </summary>
public sealed class CoordinatorElection : BackgroundService
{
    private readonly object _electionLock = new();
    private readonly ILookoutLeaseStore _store;
    private readonly string _towerId;
    private readonly TimeSpan _ttl = TimeSpan.FromSeconds(15);
    private long _term;
    private bool _isCoordinator;

    public CoordinatorElection(ILookoutLeaseStore store, string towerId)
    {
        _store = store;
        _towerId = towerId;
    }

    public (bool IsCoordinator, long Term) State
    {
        get
        {
            lock (_electionLock)
            {
                return (_isCoordinator, _term);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_ttl / 3);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            long nextTerm;
            bool wasCoordinator;
            lock (_electionLock)
            {
                wasCoordinator = _isCoordinator;
                nextTerm = wasCoordinator ? _term : _term + 1;
            }

            var won = await _store.TryClaimAsync(_towerId, nextTerm, _ttl, stoppingToken);
            lock (_electionLock)
            {
                if (won && !_isCoordinator)
                {
                    _term++;
                    _isCoordinator = true;
                }
                else if (!won && _isCoordinator)
                {
                    _isCoordinator = false;
                }
            }
        }
    }

    /// <summary>
    /// Called from the tower's admin endpoint when the on-duty ranger hands coordination
    /// over to another tower, for example before going off shift.
    /// </summary>
    public void StepDown()
    {
        if (!_isCoordinator)
        {
            return;
        }

        _term++;
        _isCoordinator = false;
    }
}

/// <summary>Forwards sightings to dispatch when this tower is coordinating.</summary>
public sealed class SightingForwarder
{
    private readonly CoordinatorElection _election;
    private readonly Action<string, long> _dispatch;

    public SightingForwarder(CoordinatorElection election, Action<string, long> dispatch)
    {
        _election = election;
        _dispatch = dispatch;
    }

    public bool Forward(string bearing, string description)
    {
        var (isCoordinator, term) = _election.State;
        if (!isCoordinator)
        {
            return false;
        }

        _dispatch($"smoke at {bearing}: {description}", term);
        return true;
    }
}
