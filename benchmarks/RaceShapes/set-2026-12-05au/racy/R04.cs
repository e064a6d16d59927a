using System.Collections.Concurrent;

namespace Blind47.Lifeboats.Launch;

public enum LaunchState
{
    Standby,
    Launching,
    AtSea,
    Recovering,
}

public sealed record PagerMessage(string Source, string Incident, DateTime ReceivedAt);

/// <summary>
/// Coordinates the all-weather boat's launch. Pager messages arrive from the
/// coastguard feed, the station's own radio watch and the crew app, each on its
/// own worker, and any of them may trigger the launch.
/// </summary>
public sealed class LaunchCoordinator
{
    private LaunchState _state = LaunchState.Standby;
    private readonly ConcurrentQueue<string> _launchLog = new();
    private int _launchesThisYear;

    public event Action<PagerMessage>? LaunchAuthorised;

    public LaunchState State => _state;

    public int LaunchesThisYear => Volatile.Read(ref _launchesThisYear);

    public IEnumerable<string> LaunchLog => _launchLog.ToArray();

    /// <summary>Starts a listener task for one pager source.</summary>
    public Task ListenAsync(string source, IAsyncEnumerable<string> feed, CancellationToken ct)
    {
        return Task.Run(async () =>
        {
            await foreach (var incident in feed.WithCancellation(ct))
            {
                OnPage(new PagerMessage(source, incident, DateTime.UtcNow));
            }
        }, ct);
    }

    private void OnPage(PagerMessage message)
    {
        if (_state != LaunchState.Standby)
        {
            _launchLog.Enqueue($"{message.ReceivedAt:HH:mm:ss} {message.Source}: already {_state}, page noted");
            return;
        }

        _state = LaunchState.Launching;
        Interlocked.Increment(ref _launchesThisYear);
        _launchLog.Enqueue($"{message.ReceivedAt:HH:mm:ss} {message.Source}: launch for {message.Incident}");
        LaunchAuthorised?.Invoke(message);
    }

    /// <summary>Called by the coxswain once the boat has cleared the slipway.</summary>
    public void ReportAtSea()
    {
        if (_state == LaunchState.Launching)
        {
            _state = LaunchState.AtSea;
        }
    }

    public void ReportRecovered()
    {
        _state = LaunchState.Recovering;
        _launchLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss} boat recovered, washing down");
    }

    public void ReturnToStandby() => _state = LaunchState.Standby;
}
