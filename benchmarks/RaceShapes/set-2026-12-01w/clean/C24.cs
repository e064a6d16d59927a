using Microsoft.Extensions.Logging;

namespace PortAuthority.Tugs.Assignments;

public sealed record TugJob(Guid JobId, string VesselName, string TugName, DateTimeOffset Starts);

/// <summary>
/// Holds tug reservations for incoming vessels. Pilots reserve tugs from the harbour
/// portal; a reservation lapses automatically if the pilot's request is cancelled before
/// the vessel reaches the breakwater. Registered as a singleton.
/// </summary>
public sealed class TugReservationBook
{
    private readonly object _sync = new();
    private readonly Dictionary<string, TugJob> _byTug = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger<TugReservationBook> _logger;

    public TugReservationBook(ILogger<TugReservationBook> logger)
    {
        _logger = logger;
    }

    public TugJob? Reserve(string tugName, string vesselName, DateTimeOffset starts, CancellationToken requestLifetime)
    {
        TugJob job;
        lock (_sync)
        {
            if (_byTug.ContainsKey(tugName))
            {
                return null;
            }
            job = new TugJob(Guid.NewGuid(), vesselName, tugName, starts);
            _byTug[tugName] = job;
        }

        requestLifetime.Register(static state =>
        {
            var (book, j) = ((TugReservationBook, TugJob))state!;
            book.Lapse(j);
        }, (this, job));

        return job;
    }

    private void Lapse(TugJob job)
    {
        bool removed = false;
        lock (_sync)
        {
            if (_byTug.TryGetValue(job.TugName, out var current) && current.JobId == job.JobId)
            {
                _byTug.Remove(job.TugName);
                removed = true;
            }
        }

        if (removed)
        {
            _logger.LogInformation("Reservation of {Tug} for {Vessel} lapsed", job.TugName, job.VesselName);
        }
    }

    public bool Complete(string tugName)
    {
        lock (_sync)
        {
            return _byTug.Remove(tugName);
        }
    }

    public IReadOnlyList<TugJob> Busy()
    {
        lock (_sync)
        {
            return _byTug.Values.OrderBy(j => j.Starts).ToList();
        }
    }
}
