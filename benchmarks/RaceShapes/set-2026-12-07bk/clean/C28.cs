namespace Blind63.CoastguardStation.Tasking;

public sealed record Acknowledgement(string StationId, string LifeboatName, TimeSpan EtaOnScene);

public interface ILifeboatStation
{
    string StationId { get; }
    event Action<Acknowledgement>? Acknowledged;
    void Request(string incidentId, double latitude, double longitude);
}

/// <summary>
/// Tasks lifeboat stations for an incident and completes with the first
/// acknowledgement. Stations raise their events on their own radio threads;
/// the operator's cancellation arrives on yet another thread.
/// </summary>
public sealed class LifeboatTasking
{
    private readonly IReadOnlyList<ILifeboatStation> _stations;

    public LifeboatTasking(IReadOnlyList<ILifeboatStation> stations) => _stations = stations;

    public async Task<Acknowledgement> TaskFirstAvailableAsync(
        string incidentId, double latitude, double longitude, TimeSpan timeout, CancellationToken ct)
    {
        var first = new TaskCompletionSource<Acknowledgement>(TaskCreationOptions.RunContinuationsAsynchronously);
        int responses = 0;

        void OnAck(Acknowledgement ack)
        {
            Interlocked.Increment(ref responses);
            first.TrySetResult(ack);
        }

        foreach (var station in _stations)
        {
            station.Acknowledged += OnAck;
        }

        using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeoutCts.CancelAfter(timeout);
        var timeoutToken = timeoutCts.Token;
        using var registration = timeoutToken.Register(() => first.TrySetCanceled(timeoutToken));

        try
        {
            foreach (var station in _stations)
            {
                station.Request(incidentId, latitude, longitude);
            }
            return await first.Task.ConfigureAwait(false);
        }
        finally
        {
            foreach (var station in _stations)
            {
                station.Acknowledged -= OnAck;
            }
        }
    }
}

public sealed class SimulatedStation : ILifeboatStation
{
    private readonly string _boat;
    private readonly TimeSpan _launchDelay;

    public SimulatedStation(string stationId, string boat, TimeSpan launchDelay)
    {
        StationId = stationId;
        _boat = boat;
        _launchDelay = launchDelay;
    }

    public string StationId { get; }

    public event Action<Acknowledgement>? Acknowledged;

    public void Request(string incidentId, double latitude, double longitude)
    {
        ThreadPool.QueueUserWorkItem(_ =>
        {
            Thread.Sleep(_launchDelay);
            Acknowledged?.Invoke(new Acknowledgement(StationId, _boat, _launchDelay * 4));
        });
    }
}
