using System.Collections.Concurrent;

namespace Blind43.TramDepot.Washing;

public sealed record WashTicket(string TramId, bool Interior, bool Exterior, int Priority);

public sealed record WashLogEntry(string TramId, TimeSpan Duration, string Bay);

public interface IWashBay
{
    string Name { get; }
    TimeSpan Wash(WashTicket ticket);
}

/// <summary>
/// Runs the overnight wash plan for the tram depot: the yard controller feeds tickets in as
/// trams arrive, and each wash bay pulls the next ticket when it is free.
/// </summary>
public sealed class OvernightWashRun
{
    private readonly BlockingCollection<WashTicket> _tickets = new(boundedCapacity: 50);
    private readonly IReadOnlyList<IWashBay> _bays;
    private readonly List<Task<List<WashLogEntry>>> _bayWorkers = new();

    public OvernightWashRun(IReadOnlyList<IWashBay> bays) => _bays = bays;

    public void Start(CancellationToken ct)
    {
        foreach (var bay in _bays)
        {
            _bayWorkers.Add(Task.Factory.StartNew(
                () => RunBay(bay, ct),
                ct,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default));
        }
    }

    public void TramArrived(WashTicket ticket, CancellationToken ct) => _tickets.Add(ticket, ct);

    public void NoMoreTrams() => _tickets.CompleteAdding();

    private List<WashLogEntry> RunBay(IWashBay bay, CancellationToken ct)
    {
        var log = new List<WashLogEntry>();
        foreach (var ticket in _tickets.GetConsumingEnumerable(ct))
        {
            var duration = bay.Wash(ticket);
            log.Add(new WashLogEntry(ticket.TramId, duration, bay.Name));
        }

        return log;
    }

    /// <summary>Waits for every bay to finish and returns the combined log.</summary>
    public async Task<IReadOnlyList<WashLogEntry>> FinishAsync()
    {
        var perBay = await Task.WhenAll(_bayWorkers).ConfigureAwait(false);
        _tickets.Dispose();

        var combined = new List<WashLogEntry>();
        foreach (var log in perBay)
        {
            combined.AddRange(log);
        }

        combined.Sort((a, b) => string.CompareOrdinal(a.TramId, b.TramId));
        return combined;
    }
}

/// <summary>Yard controller that drives one night's run from the arrivals feed.</summary>
public static class WashNight
{
    public static async Task<IReadOnlyList<WashLogEntry>> RunAsync(
        IReadOnlyList<IWashBay> bays, IAsyncEnumerable<WashTicket> arrivals, CancellationToken ct)
    {
        var run = new OvernightWashRun(bays);
        run.Start(ct);
        try
        {
            await foreach (var ticket in arrivals.WithCancellation(ct))
            {
                run.TramArrived(ticket, ct);
            }
        }
        finally
        {
            run.NoMoreTrams();
        }

        return await run.FinishAsync().ConfigureAwait(false);
    }
}
