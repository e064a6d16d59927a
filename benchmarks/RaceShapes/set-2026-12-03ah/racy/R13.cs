namespace Blind34.Lifeboat.Pager;

public sealed class PageEventArgs : EventArgs
{
    public PageEventArgs(string incident, int crewNeeded)
    {
        Incident = incident;
        CrewNeeded = crewNeeded;
    }

    public string Incident { get; }
    public int CrewNeeded { get; }
}

/// <summary>Receives pager messages from the coastguard gateway.</summary>
public sealed class PagerGateway
{
    public event EventHandler<PageEventArgs>? PageReceived;

    /// <summary>Called by the socket reader for each decoded message.</summary>
    public void Dispatch(string incident, int crewNeeded)
    {
        var args = new PageEventArgs(incident, crewNeeded);
        ThreadPool.QueueUserWorkItem(_ => PageReceived?.Invoke(this, args));
    }
}

public interface ICrewAssembler
{
    Task<IReadOnlyList<string>> AssembleAsync(string incident, int crewNeeded);
}

/// <summary>
/// Tracks how many launches are being crewed right now so that the station
/// board can show when both boats are committed.
/// </summary>
public sealed class LaunchCoordinator
{
    private readonly ICrewAssembler _assembler;
    private readonly Action<string> _log;
    private int _launchesBeingCrewed;

    public LaunchCoordinator(PagerGateway gateway, ICrewAssembler assembler, Action<string> log)
    {
        _assembler = assembler;
        _log = log;
        gateway.PageReceived += OnPageReceived;
    }

    public int LaunchesBeingCrewed => Volatile.Read(ref _launchesBeingCrewed);

    private async void OnPageReceived(object? sender, PageEventArgs e)
    {
        _launchesBeingCrewed++;
        try
        {
            var crew = await _assembler.AssembleAsync(e.Incident, e.CrewNeeded).ConfigureAwait(false);
            _log($"{e.Incident}: launched with {string.Join(", ", crew)}");
        }
        catch (Exception ex)
        {
            _log($"{e.Incident}: crewing failed: {ex.Message}");
        }
        finally
        {
            Interlocked.Decrement(ref _launchesBeingCrewed);
        }
    }
}
