using System.Text.Json;

namespace Blind27.Carillon.Recitals;

public sealed record BellSpec(int Number, string Note, int WeightKg, double StrikeDelayMs);

public sealed record CarillonProfile(string Tower, IReadOnlyList<BellSpec> Bells, int Transposition);

/// <summary>
/// Loads the bell profile of the tower's carillon on first use. Every recital player,
/// the practice console and the auto-chime scheduler ask for it, possibly at the same
/// moment during start-up.
/// </summary>
public sealed class CarillonProfileProvider
{
    private readonly Lazy<CarillonProfile> _profile;

    public CarillonProfileProvider(string profilePath)
    {
        _profile = new Lazy<CarillonProfile>(
            () => Load(profilePath),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public CarillonProfile Profile => _profile.Value;

    public BellSpec? BellFor(string note) =>
        Profile.Bells.FirstOrDefault(b => string.Equals(b.Note, note, StringComparison.OrdinalIgnoreCase));

    private static CarillonProfile Load(string path)
    {
        using var stream = File.OpenRead(path);
        var profile = JsonSerializer.Deserialize<CarillonProfile>(stream)
            ?? throw new InvalidDataException($"Empty carillon profile at {path}.");
        return profile with { Bells = profile.Bells.OrderBy(b => b.Number).ToArray() };
    }
}

/// <summary>Plays a recital score, computing strike times from the shared profile.</summary>
public sealed class RecitalPlayer
{
    private static readonly Lazy<Dictionary<string, int>> s_noteOffsets = new(() =>
        new[] { "C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B" }
            .Select((n, i) => (n, i))
            .ToDictionary(x => x.n, x => x.i));

    private readonly CarillonProfileProvider _provider;

    public RecitalPlayer(CarillonProfileProvider provider) => _provider = provider;

    public IReadOnlyList<(int Bell, double AtMs)> Schedule(IEnumerable<(string Note, double AtMs)> score)
    {
        var profile = _provider.Profile;
        var result = new List<(int, double)>();
        foreach (var (note, at) in score)
        {
            var bell = _provider.BellFor(note);
            if (bell is null || !s_noteOffsets.Value.ContainsKey(note.TrimEnd('0', '1', '2', '3', '4', '5', '6')))
            {
                continue;
            }

            result.Add((bell.Number + profile.Transposition, at - bell.StrikeDelayMs));
        }

        return result;
    }

    public Task<IReadOnlyList<(int Bell, double AtMs)>[]> ScheduleAllAsync(IEnumerable<IEnumerable<(string, double)>> scores) =>
        Task.WhenAll(scores.Select(s => Task.Run(() => Schedule(s))));
}
