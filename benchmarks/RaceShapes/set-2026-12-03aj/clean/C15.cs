namespace Blind36.BalloonMeet.Scoring;

public sealed class MarkerDropEventArgs : EventArgs
{
    public MarkerDropEventArgs(string pilot, string task, double metresFromTarget)
    {
        Pilot = pilot;
        Task = task;
        MetresFromTarget = metresFromTarget;
    }

    public string Pilot { get; }
    public string Task { get; }
    public double MetresFromTarget { get; }
}

/// <summary>
/// Receives marker-drop measurements from the field observers' handsets. Each handset
/// has its own receive loop, so <see cref="MarkerMeasured"/> is raised from several
/// pool threads.
/// </summary>
public sealed class ObserverNetwork
{
    public event EventHandler<MarkerDropEventArgs>? MarkerMeasured;

    public Task ListenAsync(IEnumerable<IAsyncEnumerable<(string Pilot, string Task, double Metres)>> handsets, CancellationToken ct)
    {
        return Task.WhenAll(handsets.Select(h => Task.Run(async () =>
        {
            await foreach (var (pilot, task, metres) in h.WithCancellation(ct).ConfigureAwait(false))
                MarkerMeasured?.Invoke(this, new MarkerDropEventArgs(pilot, task, metres));
        }, ct)));
    }
}

public sealed record TaskLeader(string Pilot, double MetresFromTarget);

/// <summary>Per-task leader board for the meet's results screen.</summary>
public sealed class TaskLeaderBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<string, TaskLeader> _leaders = new(StringComparer.OrdinalIgnoreCase);
    private int _measurements;

    public TaskLeaderBoard(ObserverNetwork network)
    {
        network.MarkerMeasured += OnMarkerMeasured;
    }

    private void OnMarkerMeasured(object? sender, MarkerDropEventArgs e)
    {
        lock (_gate)
        {
            _measurements++;
            if (!_leaders.TryGetValue(e.Task, out var best) || e.MetresFromTarget < best.MetresFromTarget)
                _leaders[e.Task] = new TaskLeader(e.Pilot, e.MetresFromTarget);
        }
    }

    public TaskLeader? LeaderFor(string task)
    {
        lock (_gate)
            return _leaders.TryGetValue(task, out var l) ? l : null;
    }

    public int Measurements
    {
        get { lock (_gate) return _measurements; }
    }
}
