namespace Blind32.Wetlands.Survey;

public sealed record Sighting(string Observer, string Species, int Count, DateTimeOffset At);

/// <summary>
/// Running tally for one survey morning at the marsh. Observers' phones post
/// sightings to the API as they walk their transects, and the coordinator's
/// dashboard polls the species totals, so one instance is shared by many
/// request threads for the whole morning.
/// </summary>
public sealed class SurveyTally
{
    private readonly object _gate = new();
    private readonly List<Sighting> _sightings = new();
    private int _birdsCounted;

    public void Record(Sighting sighting)
    {
        if (sighting.Count <= 0)
            throw new ArgumentOutOfRangeException(nameof(sighting));

        lock (_gate)
        {
            _sightings.Add(sighting);
            _birdsCounted += sighting.Count;
        }
    }

    public int BirdsCounted
    {
        get
        {
            lock (_gate)
            {
                return _birdsCounted;
            }
        }
    }

    public IReadOnlyDictionary<string, int> SpeciesTotals()
    {
        var totals = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var sighting in _sightings)
        {
            totals.TryGetValue(sighting.Species, out var current);
            totals[sighting.Species] = current + sighting.Count;
        }
        return totals;
    }

    public int ObserverCount()
    {
        lock (_gate)
        {
            return _sightings.Select(s => s.Observer).Distinct().Count();
        }
    }
}

/// <summary>Thin facade used by the minimal API endpoints.</summary>
public sealed class SurveyEndpoints
{
    private readonly SurveyTally _tally;

    public SurveyEndpoints(SurveyTally tally) => _tally = tally;

    public void PostSighting(string observer, string species, int count) =>
        _tally.Record(new Sighting(observer, species, count, DateTimeOffset.UtcNow));

    public object GetDashboard() => new
    {
        Total = _tally.BirdsCounted,
        Observers = _tally.ObserverCount(),
        Species = _tally.SpeciesTotals(),
    };
}
