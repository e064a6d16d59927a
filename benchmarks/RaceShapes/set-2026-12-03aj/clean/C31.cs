using System.Collections.Concurrent;

namespace Blind36.CheeseRolling.Entries;

public sealed record Entrant(int BibNumber, string Name, string Town, int Heat);

public sealed record SlopeProfile(string Hill, double GradientPercent, int Metres, string Surface);

/// <summary>
/// Registration desk for the cheese rolling. Several volunteers register runners at
/// once on the same laptop service.
/// </summary>
public sealed class RegistrationDesk
{
    private static int s_lastBib = 100;
    private static readonly ConcurrentDictionary<string, SlopeProfile> s_profiles = new(StringComparer.OrdinalIgnoreCase);

    private readonly ConcurrentQueue<Entrant> _entrants = new();
    private readonly int _perHeat;
    private int _registered;

    public RegistrationDesk(int runnersPerHeat) => _perHeat = runnersPerHeat;

    public static SlopeProfile ProfileFor(string hill) =>
        s_profiles.GetOrAdd(hill, static h => h.Equals("Cooper's Hill", StringComparison.OrdinalIgnoreCase)
            ? new SlopeProfile(h, 50, 180, "turf, tussocks")
            : new SlopeProfile(h, 30, 120, "turf"));

    public Entrant Register(string name, string town)
    {
        int bib = Interlocked.Increment(ref s_lastBib);
        int position = Interlocked.Increment(ref _registered);
        int heat = (position - 1) / _perHeat + 1;

        var entrant = new Entrant(bib, name, town, heat);
        _entrants.Enqueue(entrant);
        return entrant;
    }

    public int Registered => Volatile.Read(ref _registered);

    public IReadOnlyList<Entrant> Heat(int heat) =>
        _entrants.Where(e => e.Heat == heat).OrderBy(e => e.BibNumber).ToList();
}

public static class DeskSimulation
{
    public static async Task<int> RegisterCrowdAsync(RegistrationDesk desk, IEnumerable<(string Name, string Town)> crowd)
    {
        var volunteers = crowd
            .Chunk(10)
            .Select(batch => Task.Run(() =>
            {
                foreach (var (name, town) in batch)
                    desk.Register(name, town);
            }));

        await Task.WhenAll(volunteers).ConfigureAwait(false);
        _ = RegistrationDesk.ProfileFor("Cooper's Hill");
        return desk.Registered;
    }
}
