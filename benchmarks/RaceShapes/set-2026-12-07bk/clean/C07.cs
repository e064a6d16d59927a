namespace Blind63.CoastguardStation.Callouts;

public interface IPagerGateway
{
    Task PageAsync(string crewId, string message, CancellationToken ct);
}

/// <summary>
/// Pages the volunteer crew for a callout. A new callout supersedes one
/// still being paged; the station officer can also stand the crew down.
/// Called from the ops-room API on request threads.
/// </summary>
public sealed class CalloutPager : IDisposable
{
    private readonly IPagerGateway _gateway;
    private readonly object _gate = new();
    private CancellationTokenSource? _current;

    public CalloutPager(IPagerGateway gateway) => _gateway = gateway;

    public async Task PageCrewAsync(IReadOnlyList<string> crewIds, string message, CancellationToken requestAborted)
    {
        var mine = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        lock (_gate)
        {
            _current?.Cancel();
            _current = mine;
        }

        try
        {
            await Task.WhenAll(crewIds.Select(id => _gateway.PageAsync(id, message, mine.Token)));
        }
        catch (OperationCanceledException) when (mine.IsCancellationRequested)
        {
            // Superseded or stood down.
        }
        finally
        {
            lock (_gate)
            {
                if (ReferenceEquals(_current, mine))
                {
                    _current = null;
                }
                mine.Dispose();
            }
        }
    }

    public void StandDown()
    {
        lock (_gate)
        {
            _current?.Cancel();
        }
    }

    public void Dispose() => StandDown();
}
