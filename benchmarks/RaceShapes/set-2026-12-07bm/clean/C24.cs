using System.Collections.Generic;

namespace Blind65.WildfowlReserves.Sightings;

public sealed record Sighting(string Species, int Count, string Hide, DateTimeOffset At);

public interface ISightingArchive
{
    Task AppendAsync(IReadOnlyList<Sighting> batch, CancellationToken token);
}

/// <summary>
/// Running tally of the day's wildfowl sightings, fed by the volunteers' app.
/// Registered as a singleton; the sighting endpoint and the hourly archive job
/// use it at the same time.
/// </summary>
public sealed class DailySightingTally
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly List<Sighting> _unarchived = new();
    private readonly Dictionary<string, int> _bySpecies = new(StringComparer.OrdinalIgnoreCase);
    private readonly ISightingArchive _archive;

    public DailySightingTally(ISightingArchive archive) => _archive = archive;

    public async Task RecordAsync(Sighting sighting, CancellationToken token)
    {
        await _mutex.WaitAsync(token).ConfigureAwait(false);
        try
        {
            _unarchived.Add(sighting);
            _bySpecies[sighting.Species] = _bySpecies.GetValueOrDefault(sighting.Species) + sighting.Count;
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async Task<int> CountAsync(string species, CancellationToken token)
    {
        await _mutex.WaitAsync(token).ConfigureAwait(false);
        try
        {
            return _bySpecies.GetValueOrDefault(species);
        }
        finally
        {
            _mutex.Release();
        }
    }

    /// <summary>Hourly job: pushes sightings to the archive, holding new ones back until it is done.</summary>
    public async Task ArchiveAsync(CancellationToken token)
    {
        await _mutex.WaitAsync(token).ConfigureAwait(false);
        try
        {
            if (_unarchived.Count == 0)
            {
                return;
            }
            await _archive.AppendAsync(_unarchived.ToArray(), token).ConfigureAwait(false);
            _unarchived.Clear();
        }
        finally
        {
            _mutex.Release();
        }
    }
}
