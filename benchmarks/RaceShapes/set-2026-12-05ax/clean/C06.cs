using Microsoft.Extensions.Hosting;

namespace Blind50.BalloonFestival.LaunchDirector;

public interface ILaunchFieldLock
{
    Task<bool> TryHoldAsync(string nodeId, TimeSpan ttl, CancellationToken cancellationToken);
}

/// <summary>
/// Elects which festival control node acts as launch director, the only node allowed to clear
/// balloons for take-off. The election loop runs as a hosted service; launch requests from the
/// field tablets check <see cref="Snapshot"/> before clearing a balloon.
/// </summary>
public sealed class LaunchDirectorElection : BackgroundService
{
    private readonly object _gate = new();
    private readonly ILaunchFieldLock _fieldLock;
    private readonly string _nodeId;
    private readonly TimeSpan _ttl;
    private bool _isDirector;
    private long _term;
    private DateTime _electedUtc;

    public LaunchDirectorElection(ILaunchFieldLock fieldLock, string nodeId, TimeSpan ttl)
    {
        _fieldLock = fieldLock;
        _nodeId = nodeId;
        _ttl = ttl;
    }

    private Action<long>? _elected;
    private Action<long>? _demoted;

    public event Action<long>? Elected
    {
        add { lock (_gate) { _elected += value; } }
        remove { lock (_gate) { _elected -= value; } }
    }

    public event Action<long>? Demoted
    {
        add { lock (_gate) { _demoted += value; } }
        remove { lock (_gate) { _demoted -= value; } }
    }

    public (bool IsDirector, long Term, DateTime ElectedUtc) Snapshot()
    {
        lock (_gate)
        {
            return (_isDirector, _term, _electedUtc);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_ttl / 3);
        do
        {
            bool held;
            try
            {
                held = await _fieldLock.TryHoldAsync(_nodeId, _ttl, stoppingToken);
            }
            catch (TimeoutException)
            {
                held = false;
            }

            Apply(held);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));

        Apply(false);
    }

    public void StepDown() => Apply(false);

    private void Apply(bool held)
    {
        Action<long>? notify = null;
        long term;
        lock (_gate)
        {
            if (held && !_isDirector)
            {
                _isDirector = true;
                _term++;
                _electedUtc = DateTime.UtcNow;
                notify = _elected;
            }
            else if (!held && _isDirector)
            {
                _isDirector = false;
                notify = _demoted;
            }

            term = _term;
        }

        notify?.Invoke(term);
    }
}

/// <summary>Handles take-off clearance requests from the field tablets.</summary>
public sealed class TakeOffClearance
{
    private readonly LaunchDirectorElection _election;

    public TakeOffClearance(LaunchDirectorElection election) => _election = election;

    public string Clear(string balloon, double windKnots)
    {
        var (isDirector, term, since) = _election.Snapshot();
        if (!isDirector)
        {
            return "this node is not the launch director";
        }

        return windKnots > 10
            ? $"{balloon}: hold, wind {windKnots} kn (term {term})"
            : $"{balloon}: cleared for launch (term {term}, director since {since:t})";
    }
}
